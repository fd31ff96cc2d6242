package dev.apigw.node.controlplane.domains;

import dev.apigw.protocol.domains.DomainName;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS's ARNs of domain names ({@code arn:aws:apigateway:<region>::/domainnames/<name>}, a private one
 * {@code arn:aws:apigateway:<region>:<account>:/domainnames/<name>+<id>}) and of domain name access associations
 * ({@code arn:aws:apigateway:<region>:<account>:/domainnameaccessassociations/domainname/<name>+<id>/vpcesource/<vpce>}).
 */
final class DomainNameArns {
  private static final Pattern DOMAIN =
      Pattern.compile("arn:aws:apigateway:[a-z0-9-]*:[0-9]*:/domainnames/([^/+]+)(?:\\+([a-z0-9]+))?");
  private static final Pattern ASSOCIATION = Pattern.compile(
      "arn:aws:apigateway:[a-z0-9-]*:[0-9]*:/domainnameaccessassociations/domainname/([^/+]+)\\+([a-z0-9]+)/vpcesource/[^/]+");

  /** A domain name as an ARN names it: its name, and its id if it is private (else null). */
  record Ref(String name, String id) {}

  private DomainNameArns() {}

  static String domain(String region, String account, DomainName d) {
    return d.isPrivate()
        ? "arn:aws:apigateway:" + region + ":" + account + ":/domainnames/" + d.domainName() + "+" + d.domainNameId()
        : "arn:aws:apigateway:" + region + "::/domainnames/" + d.domainName();
  }

  static String association(String region, String account, DomainName d, String source) {
    return "arn:aws:apigateway:" + region + ":" + account + ":/domainnameaccessassociations/domainname/"
        + d.domainName() + "+" + d.domainNameId() + "/vpcesource/" + source;
  }

  /** The domain a domain name ARN names, if it is one. */
  static Optional<Ref> parseDomain(String arn) {
    return parse(DOMAIN, arn);
  }

  /** The private domain an association ARN belongs to, if it is one. */
  static Optional<Ref> parseAssociation(String arn) {
    return parse(ASSOCIATION, arn);
  }

  private static Optional<Ref> parse(Pattern pattern, String arn) {
    Matcher m = pattern.matcher(arn == null ? "" : arn);
    return m.matches() ? Optional.of(new Ref(m.group(1), m.group(2))) : Optional.empty();
  }
}
