package dev.apigw.node.controlplane.openapi;

import dev.apigw.protocol.restapi.ApiDefinition;
import dev.apigw.protocol.restapi.Deployment;
import dev.apigw.protocol.restapi.RestApi;

/**
 * What an export describes: the API's settings and the frozen definition of the stage's deployment.
 *
 * @param api the API's current settings
 * @param deployment the deployment the stage serves
 * @param stageName the stage, the export's base path
 * @param region the region in the execute-api host name
 */
record ExportSource(RestApi api, Deployment deployment, String stageName, String region) {
  ApiDefinition definition() {
    return deployment.definition();
  }

  /** AWS's execute-api host name of the API. */
  String host() {
    return api.id() + ".execute-api." + region + ".amazonaws.com";
  }

  /** The API's version label, or like AWS the deployment's date when it has none. */
  String version() {
    return api.version() != null ? api.version() : deployment.createdDate().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }
}
