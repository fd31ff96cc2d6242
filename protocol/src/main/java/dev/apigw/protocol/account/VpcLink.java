package dev.apigw.protocol.account;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.apigw.protocol.CborSerializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A VPC link's stored configuration: a REST API one (apigateway, {@code V1}: a network load balancer in
 * {@code targetArns}) or an HTTP API one (apigatewayv2, {@code V2}: subnets and security groups; the load balancer
 * listener or Cloud Map service is named by each integration's {@code integrationUri}). Both are one concept with one
 * lifecycle, so they share this record and the account's entity; each API sees only its own version. Part of the
 * journal's schema: add fields only with defaults.
 *
 * @param id AWS's VPC link id
 * @param name required
 * @param description optional (V1 only)
 * @param targetArns the network load balancers' ARNs (V1 only)
 * @param status {@code PENDING}, {@code AVAILABLE}, {@code DELETING} or {@code FAILED}
 * @param statusMessage AWS's words for the status
 * @param tags tags
 * @param subnetIds the subnets (V2 only)
 * @param securityGroupIds the security groups (V2 only)
 * @param createdDate when it was created (V2 only; null on links stored before it was recorded)
 * @param version {@code V2}, or null for a REST API ({@code V1}) link
 */
public record VpcLink(String id, String name, String description, List<String> targetArns, String status,
    String statusMessage, Map<String, String> tags, List<String> subnetIds, List<String> securityGroupIds,
    Instant createdDate, String version) implements CborSerializable {
  public static final String PENDING = "PENDING";
  public static final String AVAILABLE = "AVAILABLE";
  public static final String V2 = "V2";

  @JsonCreator
  public VpcLink {
    targetArns = targetArns == null ? List.of() : List.copyOf(targetArns);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    subnetIds = subnetIds == null ? List.of() : List.copyOf(subnetIds);
    securityGroupIds = securityGroupIds == null ? List.of() : List.copyOf(securityGroupIds);
  }

  /** A REST API (V1) link. */
  public VpcLink(String id, String name, String description, List<String> targetArns, String status,
      String statusMessage, Map<String, String> tags) {
    this(id, name, description, targetArns, status, statusMessage, tags, null, null, null, null);
  }

  /** An HTTP API (V2) link. */
  public static VpcLink v2(String id, String name, List<String> subnetIds, List<String> securityGroupIds,
      Map<String, String> tags, Instant createdDate, String status, String statusMessage) {
    return new VpcLink(id, name, null, null, status, statusMessage, tags, subnetIds, securityGroupIds, createdDate, V2);
  }

  /** Whether this is an HTTP API (apigatewayv2) link. */
  @JsonIgnore
  public boolean isV2() {
    return V2.equals(version);
  }

  public VpcLink withStatus(String nextStatus, String message) {
    return new VpcLink(id, name, description, targetArns, nextStatus, message, tags, subnetIds, securityGroupIds,
        createdDate, version);
  }

  public VpcLink with(String nextName, String nextDescription, Map<String, String> nextTags) {
    return new VpcLink(id, nextName, nextDescription, targetArns, status, statusMessage, nextTags, subnetIds,
        securityGroupIds, createdDate, version);
  }
}
