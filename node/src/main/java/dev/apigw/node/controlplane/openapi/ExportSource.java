package dev.apigw.node.controlplane.openapi;

import dev.apigw.node.controlplane.restapi.DocumentationRequests;
import dev.apigw.protocol.restapi.ApiDefinition;
import dev.apigw.protocol.restapi.Deployment;
import dev.apigw.protocol.restapi.Documentation;
import dev.apigw.protocol.restapi.RestApi;

/**
 * What an export describes: the API's settings and the frozen definition of the stage's deployment.
 *
 * @param api the API's current settings
 * @param deployment the deployment the stage serves
 * @param stageName the stage, the export's base path
 * @param region the region in the execute-api host name
 * @param documentation the documentation version published on the stage, or null
 */
record ExportSource(RestApi api, Deployment deployment, String stageName, String region,
    Documentation.Version documentation) {
  ApiDefinition definition() {
    return deployment.definition();
  }

  /** The {@code x-amazon-apigateway-documentation} to write, or null for none. */
  Object documentationExtension(ExportExtensions ext) {
    return ext.documentation() && documentation != null ? DocumentationRequests.exported(documentation) : null;
  }

  /** The published documentation's properties for the exported paths (whatever the extensions). */
  ExportDocumentation docs() {
    return ExportDocumentation.of(documentation);
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
