package dev.apigw.node.controlplane.domains;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.controlplane.common.JsonFields;
import dev.apigw.protocol.domains.MutualTlsAuthentication;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.ValidationErrors;
import dev.apigw.protocol.tags.TagRules;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A checked {@code CreateDomainName} request body. There is no ACM here: a certificate ARN that is a {@code file:} URI
 * or an absolute path names the PEM certificate chain (and key) on the nodes; any other ARN is recorded, and the
 * TLS port looks for the domain's files in its certificate folder (see the README's TLS section). Key material is
 * never taken in a request ({@code certificatePrivateKey} is refused), so it never reaches the journal.
 *
 * @param domainName lowercased host name
 * @param endpointType EDGE (default), REGIONAL or PRIVATE
 * @param certificateName EDGE certificate name, optional
 * @param certificateArn required for EDGE and PRIVATE
 * @param regionalCertificateName optional
 * @param regionalCertificateArn required for REGIONAL
 * @param securityPolicy TLS_1_0 or TLS_1_2 (default)
 * @param tags optional, at most 50
 * @param mutualTlsAuthentication optional; its truststore a PEM file on the nodes
 * @param policy a PRIVATE domain name's resource policy (JSON text), optional
 */
public record CreateDomainNameRequest(
    String domainName,
    String endpointType,
    String certificateName,
    String certificateArn,
    String regionalCertificateName,
    String regionalCertificateArn,
    String securityPolicy,
    Map<String, String> tags,
    MutualTlsAuthentication mutualTlsAuthentication,
    String policy) {

  /** A public domain name's request. */
  public CreateDomainNameRequest(String domainName, String endpointType, String certificateName, String certificateArn,
      String regionalCertificateName, String regionalCertificateArn, String securityPolicy, Map<String, String> tags,
      MutualTlsAuthentication mutualTlsAuthentication) {
    this(domainName, endpointType, certificateName, certificateArn, regionalCertificateName, regionalCertificateArn,
        securityPolicy, tags, mutualTlsAuthentication, null);
  }

  static final Set<String> SECURITY_POLICIES = Set.of("TLS_1_0", "TLS_1_2");
  private static final Pattern HOST =
      Pattern.compile("(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]");

  /** Reads and checks the body; every problem is a 400 that names the field. */
  public static CreateDomainNameRequest parse(JsonNode body) {
    JsonNode config = body.get("endpointConfiguration");
    // AWS's model constraints first (its ValidationException); endpoint types in AWS's recorded order.
    ValidationErrors.of("CreateDomainName")
        .notNull("domainName", JsonFields.string(body, "domainName"))
        .eachOneOf("endpointConfiguration.types", config != null && config.isObject()
            ? JsonFields.stringList(config, "types") : null, List.of("PRIVATE", "EDGE", "REGIONAL"))
        .oneOf("securityPolicy", JsonFields.string(body, "securityPolicy"), List.of("TLS_1_0", "TLS_1_2"))
        .throwIfAny();
    String name = normalize(JsonFields.string(body, "domainName"));
    String type = endpointType(body.get("endpointConfiguration"));
    String certificateArn = JsonFields.string(body, "certificateArn");
    String regionalCertificateArn = JsonFields.string(body, "regionalCertificateArn");
    if (!type.equals("REGIONAL") && certificateArn == null) {
      throw new BadRequestException("A certificateArn is required for an " + type + " domain name");
    }
    String policy = JsonFields.string(body, "policy");
    if (policy != null && !type.equals("PRIVATE")) {
      throw new BadRequestException("A policy is only supported for PRIVATE domain names");
    }
    if (type.equals("REGIONAL") && regionalCertificateArn == null) {
      throw new BadRequestException("A regionalCertificateArn is required for a REGIONAL domain name");
    }
    for (String field : List.of("certificateBody", "certificatePrivateKey", "certificateChain")) {
      if (body.hasNonNull(field)) {
        throw new BadRequestException(field + " is not supported: put the PEM certificate chain and key in a file on the "
            + "nodes and name it in certificateArn/regionalCertificateArn as a file: URI (see the README's TLS section)");
      }
    }
    certificateArn(certificateArn);
    certificateArn(regionalCertificateArn);
    String securityPolicy = JsonFields.string(body, "securityPolicy");
    return new CreateDomainNameRequest(
        name,
        type,
        JsonFields.string(body, "certificateName"),
        certificateArn,
        JsonFields.string(body, "regionalCertificateName"),
        regionalCertificateArn,
        securityPolicy(securityPolicy == null ? "TLS_1_2" : securityPolicy),
        TagRules.check(JsonFields.stringMap(body, "tags")),
        mutualTls(body.get("mutualTlsAuthentication")),
        policy);
  }

  private static MutualTlsAuthentication mutualTls(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new BadRequestException("mutualTlsAuthentication: expected an object");
    }
    String uri = JsonFields.string(node, "truststoreUri");
    if (uri == null || uri.isEmpty()) {
      return null;
    }
    return new MutualTlsAuthentication(truststoreUri(uri), JsonFields.string(node, "truststoreVersion"));
  }

  /**
   * A certificate ARN, a {@code file:} URI or a path, unless it holds PEM text: the AWS CLI replaces a
   * {@code file://} parameter by the file's content, so the path must be given without that prefix.
   */
  static String certificateArn(String arn) {
    if (arn != null && arn.contains("-----BEGIN")) {
      throw new BadRequestException("The certificate ARN holds PEM text, not a location (the AWS CLI reads file:// "
          + "parameters itself): give the chain's absolute path, e.g. /etc/apigw/api.example.com.pem");
    }
    return arn;
  }

  /** A truststore location the nodes can read: a {@code file:} URI or an absolute path (S3 is not reachable here). */
  static String truststoreUri(String uri) {
    if (uri == null || !(uri.startsWith("file:/") || uri.startsWith("/"))) {
      throw new BadRequestException("Invalid truststoreUri: " + uri
          + " (expected: a file: URI or an absolute path of a PEM file on the nodes; S3 URIs are not supported)");
    }
    return uri;
  }

  /** The lowercased name if it is a valid host name, else a 400. */
  static String normalize(String domainName) {
    if (domainName == null || domainName.isEmpty()) {
      throw new BadRequestException("domainName is required");
    }
    String lower = domainName.toLowerCase(Locale.ROOT);
    if (lower.length() > 253 || !HOST.matcher(lower).matches()) {
      throw new BadRequestException("Invalid domain name specified: " + domainName);
    }
    return lower;
  }

  static String securityPolicy(String policy) {
    if (!SECURITY_POLICIES.contains(policy)) {
      throw new BadRequestException("Invalid securityPolicy: " + policy + " (expected: TLS_1_0 or TLS_1_2)");
    }
    return policy;
  }

  private static String endpointType(JsonNode config) {
    if (config == null || config.isNull()) {
      return "EDGE";
    }
    if (!config.isObject()) {
      throw new BadRequestException("endpointConfiguration: expected an object");
    }
    List<String> types = JsonFields.stringList(config, "types");
    if (types.isEmpty()) {
      return "EDGE";
    }
    if (types.size() != 1) {
      throw new BadRequestException(
          "Invalid endpoint configuration types: " + types + " (expected: exactly one of EDGE, REGIONAL, PRIVATE)");
    }
    return types.get(0);
  }
}
