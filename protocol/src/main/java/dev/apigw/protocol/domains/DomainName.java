package dev.apigw.protocol.domains;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.apigw.protocol.CborSerializable;
import java.time.Instant;
import java.util.Map;

/**
 * A custom domain name, as AWS's {@code DomainName} resource describes it. The generated
 * CloudFront and regional host names are informational here: this gateway serves custom domains
 * by the {@code Host} header it receives.
 *
 * <p>Part of the journal's schema: add fields only with defaults, never rename one.
 *
 * @param domainName the host name, e.g. {@code api.example.com}
 * @param endpointType {@code EDGE}, {@code REGIONAL} or {@code PRIVATE}
 * @param certificateName edge certificate name, optional
 * @param certificateArn edge certificate ARN, optional
 * @param regionalCertificateName regional certificate name, optional
 * @param regionalCertificateArn regional certificate ARN, optional
 * @param distributionDomainName generated CloudFront-style host name (EDGE only)
 * @param regionalDomainName generated regional host name (REGIONAL only)
 * @param securityPolicy {@code TLS_1_0} or {@code TLS_1_2}
 * @param createdDate when the domain name was created
 * @param tags tags on the domain name
 * @param mutualTlsAuthentication the truststore that client certificates are checked against, or null (no mutual TLS);
 *     added later: null in events written before
 * @param domainNameId a private domain name's generated id (its ARN ends in {@code name+id}), else null; added later
 * @param policy a private domain name's resource policy (JSON text), else null; added later
 */
public record DomainName(
    String domainName,
    String endpointType,
    String certificateName,
    String certificateArn,
    String regionalCertificateName,
    String regionalCertificateArn,
    String distributionDomainName,
    String regionalDomainName,
    String securityPolicy,
    Instant createdDate,
    Map<String, String> tags,
    MutualTlsAuthentication mutualTlsAuthentication,
    String domainNameId,
    String policy)
    implements CborSerializable {

  @JsonCreator
  public DomainName {
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  /** A domain name without mutual TLS. */
  public DomainName(String domainName, String endpointType, String certificateName, String certificateArn,
      String regionalCertificateName, String regionalCertificateArn, String distributionDomainName,
      String regionalDomainName, String securityPolicy, Instant createdDate, Map<String, String> tags) {
    this(domainName, endpointType, certificateName, certificateArn, regionalCertificateName, regionalCertificateArn,
        distributionDomainName, regionalDomainName, securityPolicy, createdDate, tags, null, null, null);
  }

  /** A public (EDGE or REGIONAL) domain name. */
  public DomainName(String domainName, String endpointType, String certificateName, String certificateArn,
      String regionalCertificateName, String regionalCertificateArn, String distributionDomainName,
      String regionalDomainName, String securityPolicy, Instant createdDate, Map<String, String> tags,
      MutualTlsAuthentication mutualTlsAuthentication) {
    this(domainName, endpointType, certificateName, certificateArn, regionalCertificateName, regionalCertificateArn,
        distributionDomainName, regionalDomainName, securityPolicy, createdDate, tags, mutualTlsAuthentication, null, null);
  }

  /** Whether this is a private custom domain name (reachable through VPC endpoints in AWS). */
  public boolean isPrivate() {
    return "PRIVATE".equals(endpointType);
  }

  public DomainName withPolicy(String v) {
    return new DomainName(domainName, endpointType, certificateName, certificateArn, regionalCertificateName,
        regionalCertificateArn, distributionDomainName, regionalDomainName, securityPolicy, createdDate, tags,
        mutualTlsAuthentication, domainNameId, v);
  }

  public DomainName withCertificateName(String v) {
    return new DomainName(domainName, endpointType, v, certificateArn, regionalCertificateName, regionalCertificateArn,
        distributionDomainName, regionalDomainName, securityPolicy, createdDate, tags, mutualTlsAuthentication,
        domainNameId, policy);
  }

  public DomainName withCertificateArn(String v) {
    return new DomainName(domainName, endpointType, certificateName, v, regionalCertificateName, regionalCertificateArn,
        distributionDomainName, regionalDomainName, securityPolicy, createdDate, tags, mutualTlsAuthentication,
        domainNameId, policy);
  }

  public DomainName withRegionalCertificateName(String v) {
    return new DomainName(domainName, endpointType, certificateName, certificateArn, v, regionalCertificateArn,
        distributionDomainName, regionalDomainName, securityPolicy, createdDate, tags, mutualTlsAuthentication,
        domainNameId, policy);
  }

  public DomainName withRegionalCertificateArn(String v) {
    return new DomainName(domainName, endpointType, certificateName, certificateArn, regionalCertificateName, v,
        distributionDomainName, regionalDomainName, securityPolicy, createdDate, tags, mutualTlsAuthentication,
        domainNameId, policy);
  }

  public DomainName withSecurityPolicy(String v) {
    return new DomainName(domainName, endpointType, certificateName, certificateArn, regionalCertificateName,
        regionalCertificateArn, distributionDomainName, regionalDomainName, v, createdDate, tags, mutualTlsAuthentication,
        domainNameId, policy);
  }

  public DomainName withTags(Map<String, String> v) {
    return new DomainName(domainName, endpointType, certificateName, certificateArn, regionalCertificateName,
        regionalCertificateArn, distributionDomainName, regionalDomainName, securityPolicy, createdDate, v, mutualTlsAuthentication,
        domainNameId, policy);
  }

  public DomainName withMutualTlsAuthentication(MutualTlsAuthentication v) {
    return new DomainName(domainName, endpointType, certificateName, certificateArn, regionalCertificateName,
        regionalCertificateArn, distributionDomainName, regionalDomainName, securityPolicy, createdDate, tags, v,
        domainNameId, policy);
  }

  /** The certificate ARN of the domain's endpoint type (regional for REGIONAL, else the edge one), or the other. */
  public String servingCertificateArn() {
    String preferred = "REGIONAL".equals(endpointType) ? regionalCertificateArn : certificateArn;
    return preferred != null ? preferred : "REGIONAL".equals(endpointType) ? certificateArn : regionalCertificateArn;
  }
}
