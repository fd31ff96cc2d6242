package dev.apigw.node.dataplane.snapshot;

import dev.apigw.protocol.restapi.RestApi;
import java.util.Map;

/**
 * A REST API as served on this node.
 *
 * @param api the API's settings
 * @param stages its stages by name
 */
public record LiveApi(RestApi api, Map<String, LiveStage> stages) {
  public LiveApi {
    stages = Map.copyOf(stages);
  }
}
