package dev.apigw.node.dataplane.websocket;

import dev.apigw.node.dataplane.observability.WebSocketMetrics;
import java.util.concurrent.CompletionStage;

/** AWS's WebSocket integration metrics around one integration call. */
final class IntegrationMetrics {
  private IntegrationMetrics() {}

  /** Records the integration's latency and, when it answered 4XX/5XX or failed, its error. */
  static CompletionStage<WebSocketIntegrations.Result> measure(WebSocketMetrics.Instruments measured,
      CompletionStage<WebSocketIntegrations.Result> invoked) {
    long started = System.nanoTime();
    return invoked.whenComplete((result, failure) -> {
      measured.integrationLatency().record((System.nanoTime() - started) / 1_000_000);
      if (failure != null) {
        measured.executionErrors().increment();
      } else if (result.status() >= 400) {
        measured.integrationErrors().increment();
      }
    });
  }
}
