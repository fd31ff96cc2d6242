package dev.apigw.node.controlplane.tags;

import dev.apigw.protocol.errors.BadRequestException;
import java.util.regex.Pattern;

/**
 * An API Gateway resource ARN, {@code arn:aws:apigateway:{region}::/{kind}/{id}}, or a stage's:
 * {@code arn:aws:apigateway:{region}::/restapis/{apiId}/stages/{stageName}} (kind {@code restapis/stages}) or
 * {@code arn:aws:apigateway:{region}::/apis/{apiId}/stages/{stageName}} (kind {@code apis/stages}), id
 * {@code {apiId}/{stageName}}.
 *
 * @param kind the collection, e.g. {@code apikeys}
 * @param id the resource's id within it
 */
public record ResourceArn(String kind, String id) {
  private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:apigateway:[a-z0-9-]*::/([a-z]+)/([^/]+)");
  private static final Pattern STAGE_ARN =
      Pattern.compile("arn:aws[a-z-]*:apigateway:[a-z0-9-]*::/(restapis|apis)/([^/]+)/stages/([^/]+)");

  /** Parses the ARN; anything else, including other sub-resources, is a 400. */
  public static ResourceArn parse(String arn) {
    var stage = STAGE_ARN.matcher(arn);
    if (stage.matches()) {
      return new ResourceArn(stage.group(1) + "/stages", stage.group(2) + "/" + stage.group(3));
    }
    var m = ARN.matcher(arn);
    if (!m.matches()) {
      throw new BadRequestException("Invalid resource ARN: " + arn + " (expected: arn:aws:apigateway:{region}::/{kind}/{id})");
    }
    return new ResourceArn(m.group(1), m.group(2));
  }

  /** A stage's API id (the part of {@link #id} before the slash). */
  public String apiId() {
    return id.substring(0, id.indexOf('/'));
  }

  /** A stage's name (the part of {@link #id} after the slash). */
  public String stageName() {
    return id.substring(id.indexOf('/') + 1);
  }
}
