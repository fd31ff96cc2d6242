package dev.apigw.node.controlplane.tags;

import dev.apigw.protocol.errors.BadRequestException;
import java.util.regex.Pattern;

/**
 * An API Gateway resource ARN, {@code arn:aws:apigateway:{region}::/{kind}/{id}}.
 *
 * @param kind the collection, e.g. {@code apikeys}
 * @param id the resource's id within it
 */
public record ResourceArn(String kind, String id) {
  private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:apigateway:[a-z0-9-]*::/([a-z]+)/([^/]+)");

  /** Parses the ARN; anything else, including sub-resources, is a 400. */
  public static ResourceArn parse(String arn) {
    var m = ARN.matcher(arn);
    if (!m.matches()) {
      throw new BadRequestException("Invalid resource ARN: " + arn + " (expected: arn:aws:apigateway:{region}::/{kind}/{id})");
    }
    return new ResourceArn(m.group(1), m.group(2));
  }
}
