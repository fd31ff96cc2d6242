package dev.apigw.protocol.account;

import dev.apigw.protocol.CborSerializable;
import java.util.List;
import java.util.Map;

/**
 * A REST API VPC link's stored configuration. Part of the journal's schema: add fields only with defaults.
 *
 * @param id AWS's VPC link id
 * @param name required
 * @param description optional
 * @param targetArns the network load balancers' ARNs
 * @param status {@code PENDING}, {@code AVAILABLE}, {@code DELETING} or {@code FAILED}
 * @param statusMessage AWS's words for the status
 * @param tags tags
 */
public record VpcLink(String id, String name, String description, List<String> targetArns, String status,
    String statusMessage, Map<String, String> tags) implements CborSerializable {
  public static final String PENDING = "PENDING";
  public static final String AVAILABLE = "AVAILABLE";

  public VpcLink {
    targetArns = targetArns == null ? List.of() : List.copyOf(targetArns);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }

  public VpcLink withStatus(String nextStatus, String message) {
    return new VpcLink(id, name, description, targetArns, nextStatus, message, tags);
  }

  public VpcLink with(String nextName, String nextDescription, Map<String, String> nextTags) {
    return new VpcLink(id, nextName, nextDescription, targetArns, status, statusMessage, nextTags);
  }
}
