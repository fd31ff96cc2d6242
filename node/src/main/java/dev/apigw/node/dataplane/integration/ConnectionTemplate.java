package dev.apigw.node.dataplane.integration;

import dev.apigw.node.dataplane.request.Invocation;
import dev.apigw.protocol.restapi.Integration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an HTTP or HTTP_PROXY integration's requests connect, compiled once per deployment: straight to the uri's host
 * ({@code INTERNET}) or through the REST API (V1) VPC link its {@code connectionId} names, literally or as
 * {@code ${stageVariables.name}}; plus, per request, the stage's client certificate. REST integrations and WebSocket
 * integrations (which, as on AWS, go through REST API VPC links) share it.
 */
public final class ConnectionTemplate {
  private static final Pattern STAGE_VARIABLE = Pattern.compile("\\$\\{stageVariables\\.([A-Za-z0-9_.:/?#&=,-]+)}");

  private final String vpcLinkId;
  private final String stageVariable;

  private ConnectionTemplate(String vpcLinkId, String stageVariable) {
    this.vpcLinkId = vpcLinkId;
    this.stageVariable = stageVariable;
  }

  /** @throws IllegalArgumentException for a VPC_LINK connection without a connectionId */
  static ConnectionTemplate of(Integration integration) {
    return of(integration.connectionType(), integration.connectionId());
  }

  /**
   * The connection of an integration with {@code connectionType} ({@code INTERNET}, {@code VPC_LINK} or null) and
   * {@code connectionId}.
   *
   * @throws IllegalArgumentException for a VPC_LINK connection without a connectionId
   */
  public static ConnectionTemplate of(String connectionType, String id) {
    if (!"VPC_LINK".equals(connectionType)) {
      return new ConnectionTemplate(null, null);
    }
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("connectionId is required for connectionType VPC_LINK"
          + " (expected: a VPC link id or ${stageVariables.name})");
    }
    Matcher variable = STAGE_VARIABLE.matcher(id.trim());
    return variable.matches() ? new ConnectionTemplate(null, variable.group(1)) : new ConnectionTemplate(id.trim(), null);
  }

  /** The connection of {@code inv}'s request; a GatewayError (500) when the stage variable naming the link is unset. */
  Backend.Connection resolve(Invocation inv) {
    return resolve(inv.stageVariables(), inv.clientCertificateId());
  }

  /**
   * The connection of a request on a stage with {@code stageVariables}, presenting {@code clientCertificateId} (or
   * none: null); a GatewayError (500) when the stage variable naming the link is unset.
   */
  public Backend.Connection resolve(Map<String, String> stageVariables, String clientCertificateId) {
    String link = vpcLinkId;
    if (stageVariable != null) {
      link = stageVariables.get(stageVariable);
      if (link == null || link.isBlank()) {
        throw BackendConnections.broken("connectionId ${stageVariables." + stageVariable + "}: stage variable "
            + stageVariable + " is not set on the stage");
      }
    }
    return new Backend.Connection(clientCertificateId, link);
  }
}
