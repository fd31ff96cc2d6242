package dev.apigw.node.controlplane.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.controlplane.common.ControlPlaneDirectives;
import dev.apigw.node.controlplane.common.PatchOperations;
import dev.apigw.node.http.Json;
import dev.apigw.protocol.account.AccountSettings;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /account}: GetAccount and UpdateAccount. The throttle limits shown are the ones the data plane enforces
 * for the account (node configuration). Directives only.
 */
public final class AccountRoutes extends ControlPlaneDirectives {
  /** The API key version AWS reports for current accounts. */
  static final String API_KEY_VERSION = "4";

  private final AccountService service;
  private final double rateLimit;
  private final long burstLimit;

  public AccountRoutes(AccountService service, double rateLimit, long burstLimit) {
    this.service = service;
    this.rateLimit = rateLimit;
    this.burstLimit = burstLimit;
  }

  public Route route(String by) {
    return path("account", () -> concat(
        get(() -> respondJson(service.state(), StatusCodes.OK, s -> render(s.settings()))),
        patch(() -> jsonBody(body -> respondJson(service.update(PatchOperations.parseForJournal(body), by),
            StatusCodes.OK, this::render)))));
  }

  private ObjectNode render(AccountSettings s) {
    ObjectNode out = Json.object();
    if (s.cloudwatchRoleArn() != null) {
      out.put("cloudwatchRoleArn", s.cloudwatchRoleArn());
    }
    out.putObject("throttleSettings").put("burstLimit", burstLimit).put("rateLimit", rateLimit);
    var features = out.putArray("features");
    s.features().forEach(features::add);
    out.put("apiKeyVersion", API_KEY_VERSION);
    return out;
  }
}
