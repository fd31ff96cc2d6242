package dev.apigw.node.dataplane.pipeline;

import dev.apigw.node.dataplane.snapshot.KeySnapshot;
import dev.apigw.protocol.restapi.Stage;
import java.util.concurrent.CompletionStage;

/** The usage gate's check ({@code UsageGate::check}): completes when the request may go on, else with a 429. */
@FunctionalInterface
public interface UsageCheck {
  CompletionStage<Void> check(String apiId, Stage stage, String resourcePath, String httpMethod,
      KeySnapshot.Admitted admitted);
}
