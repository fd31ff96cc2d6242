package dev.apigw.node.controlplane.account;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.controlplane.common.JsonFields;
import dev.apigw.node.controlplane.common.Paging;
import dev.apigw.persistence.account.AccountEntity;
import dev.apigw.protocol.Ids;
import dev.apigw.protocol.account.VpcLink;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.tags.TagRules;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.apache.pekko.Done;

/**
 * HTTP API (apigatewayv2) VPC links: the same stored concept and lifecycle as the REST ones ({@link VpcLinkService}),
 * held by the account's entity with {@code vpcLinkVersion V2}. There is no VPC here: subnets and security groups are
 * stored as given, and the data plane finds each private integration's backend from its {@code integrationUri} (a load
 * balancer listener or Cloud Map service) in the node's VPC link targets.
 */
public final class V2VpcLinkService {
  /** Subnet and security group ids: EC2's shape is not checked against a VPC (there is none), only bounded. */
  private static final Pattern RESOURCE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final int MAX_IDS = 16;
  private static final int MAX_NAME = 128;

  private final AccountService account;

  public V2VpcLinkService(AccountService account) {
    this.account = account;
  }

  /** CreateVpcLink: {@code name} and {@code subnetIds} are required; the link is PENDING, then AVAILABLE. */
  public CompletionStage<VpcLink> create(JsonNode body) {
    String name = name(JsonFields.string(body, "name"));
    if (!body.hasNonNull("subnetIds")) {
      throw new BadRequestException("subnetIds is required (expected: a list of subnet ids)");
    }
    List<String> subnets = ids(body, "subnetIds");
    if (subnets.isEmpty()) {
      throw new BadRequestException("subnetIds must name at least one subnet");
    }
    List<String> groups = ids(body, "securityGroupIds");
    Map<String, String> tags = JsonFields.stringMap(body, "tags");
    TagRules.check(tags);
    var link = VpcLink.v2(Ids.random(7), name, subnets, groups, tags, account.clock().instant(), VpcLink.PENDING,
        "VPC link is provisioning ENIs");
    return account.ask(r -> new AccountEntity.PutVpcLink(link, true, r));
  }

  /** GetVpcLinks: the HTTP API links by name, a page at a time. */
  public CompletionStage<Paging.Page<VpcLink>> list(String nextToken, String maxResults) {
    int limit = Paging.maxResults(maxResults);
    return account.state().thenApply(s -> Paging.page(s.vpcLinksByName(true), VpcLink::id, nextToken, limit));
  }

  public CompletionStage<VpcLink> get(String id) {
    return account.state().thenApply(s -> s.vpcLink(id, true));
  }

  /** UpdateVpcLink: a new {@code name} (the only field AWS lets change). */
  public CompletionStage<VpcLink> update(String id, JsonNode body) {
    String name = body.has("name") ? name(JsonFields.string(body, "name")) : null;
    return get(id).thenCompose(link -> name == null ? CompletableFuture.completedFuture(link)
        : account.<VpcLink>ask(r -> new AccountEntity.PutVpcLink(link.with(name, null, link.tags()), false, r)));
  }

  public CompletionStage<Done> delete(String id) {
    return get(id).thenCompose(l -> account.ask(r -> new AccountEntity.DeleteVpcLink(id, r)));
  }

  private static String name(String name) {
    if (name == null || name.isBlank() || name.length() > MAX_NAME) {
      throw new BadRequestException("Invalid VPC link name: " + (name == null ? "null" : "'" + name + "'")
          + " (expected: 1-" + MAX_NAME + " characters)");
    }
    return name;
  }

  private static List<String> ids(JsonNode body, String field) {
    List<String> ids = JsonFields.stringList(body, field);
    if (ids.size() > MAX_IDS) {
      throw new BadRequestException(field + ": " + ids.size() + " ids (expected: at most " + MAX_IDS + ")");
    }
    for (String id : ids) {
      if (!RESOURCE_ID.matcher(id).matches()) {
        throw new BadRequestException("Invalid " + field + " entry: '" + id
            + "' (expected: an id of 1-64 letters, digits, '-' or '_', e.g. subnet-0abc1234)");
      }
    }
    return ids;
  }
}
