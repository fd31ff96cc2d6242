package dev.apigw.node.controlplane.account;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.controlplane.common.JsonFields;
import dev.apigw.node.controlplane.common.PatchOperation;
import dev.apigw.persistence.account.AccountEntity;
import dev.apigw.protocol.Ids;
import dev.apigw.protocol.account.VpcLink;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.tags.TagChange;
import dev.apigw.protocol.tags.TagRules;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.apache.pekko.Done;

/**
 * REST API VPC links: their configuration is stored with AWS's lifecycle ({@code PENDING}, then {@code AVAILABLE});
 * the data plane sends the requests of {@code connectionType VPC_LINK} integrations to the address its node settings
 * give the link's load balancer.
 */
public final class VpcLinkService {
  private static final Pattern NLB_ARN =
      Pattern.compile("arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:loadbalancer/net/.+");

  private final AccountService account;

  public VpcLinkService(AccountService account) {
    this.account = account;
  }

  /** CreateVpcLink: {@code name} and exactly one network load balancer in {@code targetArns} are required. */
  public CompletionStage<VpcLink> create(JsonNode body) {
    String name = JsonFields.string(body, "name");
    if (name == null || name.isBlank()) {
      throw new BadRequestException("VPC link name is required");
    }
    List<String> targets = JsonFields.stringList(body, "targetArns");
    if (targets.size() != 1) {
      throw new BadRequestException("A VPC link needs exactly one target ARN (a network load balancer): " + targets);
    }
    if (!NLB_ARN.matcher(targets.get(0)).matches()) {
      throw new BadRequestException("Invalid target ARN specified: " + targets.get(0)
          + " (expected: a network load balancer, arn:aws:elasticloadbalancing:{region}:{account}:loadbalancer/net/...)");
    }
    Map<String, String> tags = JsonFields.stringMap(body, "tags");
    TagRules.check(tags);
    var link = new VpcLink(Ids.newId().substring(0, 6), name, JsonFields.string(body, "description"), targets,
        VpcLink.PENDING, "VPC link is provisioning ENIs", tags);
    return account.ask(r -> new AccountEntity.PutVpcLink(link, true, r));
  }

  public CompletionStage<List<VpcLink>> list() {
    return account.state().thenApply(AccountEntity.State::vpcLinksByName);
  }

  public CompletionStage<VpcLink> get(String id) {
    return account.state().thenApply(s -> s.vpcLink(id, false));
  }

  /** UpdateVpcLink: {@code replace} of {@code /name} and {@code /description}. */
  public CompletionStage<VpcLink> update(String id, List<PatchOperation> ops) {
    return change(id, link -> {
      VpcLink out = link;
      for (PatchOperation op : ops) {
        if (op.is(PatchOperation.Op.REPLACE, "/name")) {
          if (op.value() == null || op.value().isBlank()) {
            throw new BadRequestException("VPC link name is required");
          }
          out = out.with(op.value(), out.description(), out.tags());
        } else if (op.is(PatchOperation.Op.REPLACE, "/description")) {
          out = out.with(out.name(), op.value(), out.tags());
        } else {
          throw op.unsupported(List.of("/name", "/description"));
        }
      }
      return out;
    });
  }

  public CompletionStage<Done> delete(String id) {
    return get(id).thenCompose(l -> account.ask(r -> new AccountEntity.DeleteVpcLink(id, r)));
  }

  /** GetTags of a VPC link of either version: both have the same ARN form, {@code /vpclinks/{id}}. */
  public CompletionStage<Map<String, String>> tags(String id) {
    return account.state().thenApply(s -> s.vpcLink(id).tags());
  }

  /**
   * TagResource, UntagResource on a VPC link of either version: the account entity applies {@code change} to the link's
   * current tags.
   */
  public CompletionStage<Done> retag(String id, TagChange change) {
    return account.ask(r -> new AccountEntity.RetagVpcLink(id, change, r));
  }

  private CompletionStage<VpcLink> change(String id, UnaryOperator<VpcLink> change) {
    return get(id).thenCompose(l -> account.<VpcLink>ask(r -> new AccountEntity.PutVpcLink(change.apply(l), false, r)));
  }
}
