package dev.apigw.node.controlplane.v2api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.controlplane.common.ControlPlaneDirectives;
import dev.apigw.node.controlplane.common.Paging;
import dev.apigw.node.controlplane.v2api.V2ApiService;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import dev.apigw.node.http.AwsErrors;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /v2/apis/...}: apigatewayv2's API operations for WebSocket and HTTP APIs (APIs, routes, route responses,
 * integrations, integration responses, authorizers, deployments, stages, CORS). Directives only: creates
 * answer 201, deletes 204, the rest 200.
 */
public final class V2ApiRoutes extends ControlPlaneDirectives {
  private final V2ApiService service;
  private final V2ApiJson json;

  /** {@code executeApiDomain} and {@code dataPlanePort} make each API's {@code apiEndpoint}. */
  public V2ApiRoutes(V2ApiService service, String executeApiDomain, int dataPlanePort) {
    this.service = service;
    this.json = new V2ApiJson(executeApiDomain, dataPlanePort);
  }

  public Route route(String by) {
    return pathPrefix("v2", () -> pathPrefix("apis", () -> concat(
        pathEndOrSingleSlash(() -> concat(
            post(() -> jsonBody(body -> respondJson(service.createApi(body, by), StatusCodes.CREATED, json::api))),
            put(() -> importing((basepath, fail) -> jsonBody(body -> respondJson(
                service.importApi(body, basepath, fail, by), StatusCodes.CREATED, this::imported)))),
            get(() -> list((token, max) -> service.listApis(token, max), json::api)))),
        pathPrefix(PathMatchers.segment(), apiId -> concat(
            pathEndOrSingleSlash(() -> concat(
                get(() -> respondJson(service.getApi(apiId), StatusCodes.OK, json::api)),
                patch(() -> jsonBody(body -> respondJson(service.updateApi(apiId, body, by), StatusCodes.OK, json::api))),
                put(() -> importing((basepath, fail) -> jsonBody(body -> respondJson(
                    service.reimportApi(apiId, body, basepath, fail, by), StatusCodes.CREATED, this::imported)))),
                delete(() -> respondEmpty(service.deleteApi(apiId, by), StatusCodes.NO_CONTENT)))),
            path("cors", () -> delete(() -> respondEmpty(service.deleteCors(apiId, by), StatusCodes.NO_CONTENT))),
            pathPrefix("exports", () -> path(PathMatchers.segment(), specification -> get(() -> exporting(apiId,
                specification)))),
            routes(apiId, by),
            integrations(apiId, by),
            authorizers(apiId, by),
            deployments(apiId, by),
            stages(apiId, by))))));
  }

  private Route routes(String apiId, String by) {
    return pathPrefix("routes", () -> concat(
        pathEndOrSingleSlash(() -> concat(
            post(() -> jsonBody(body -> respondJson(service.createRoute(apiId, body, by), StatusCodes.CREATED,
                V2ApiJson::route))),
            get(() -> list((token, max) -> service.routes(apiId, token, max), V2ApiJson::route)))),
        pathPrefix(PathMatchers.segment(), routeId -> concat(
            pathEndOrSingleSlash(() -> concat(
                get(() -> respondJson(service.route(apiId, routeId), StatusCodes.OK, V2ApiJson::route)),
                patch(() -> jsonBody(body -> respondJson(service.updateRoute(apiId, routeId, body, by), StatusCodes.OK,
                    V2ApiJson::route))),
                delete(() -> respondEmpty(service.deleteRoute(apiId, routeId, by), StatusCodes.NO_CONTENT)))),
            pathPrefix("routeresponses", () -> concat(
                pathEndOrSingleSlash(() -> concat(
                    post(() -> jsonBody(body -> respondJson(service.createRouteResponse(apiId, routeId, body, by),
                        StatusCodes.CREATED, V2ApiJson::routeResponse))),
                    get(() -> list((token, max) -> service.routeResponses(apiId, routeId, token, max),
                        V2ApiJson::routeResponse)))),
                path(PathMatchers.segment(), responseId -> concat(
                    get(() -> respondJson(service.routeResponse(apiId, routeId, responseId), StatusCodes.OK,
                        V2ApiJson::routeResponse)),
                    delete(() -> respondEmpty(service.deleteRouteResponse(apiId, routeId, responseId, by),
                        StatusCodes.NO_CONTENT))))))))));
  }

  private Route integrations(String apiId, String by) {
    return pathPrefix("integrations", () -> concat(
        pathEndOrSingleSlash(() -> concat(
            post(() -> jsonBody(body -> respondJson(service.createIntegration(apiId, body, by), StatusCodes.CREATED,
                V2ApiJson::integration))),
            get(() -> list((token, max) -> service.integrations(apiId, token, max), V2ApiJson::integration)))),
        pathPrefix(PathMatchers.segment(), integrationId -> concat(
            pathEndOrSingleSlash(() -> concat(
                get(() -> respondJson(service.integration(apiId, integrationId), StatusCodes.OK, V2ApiJson::integration)),
                patch(() -> jsonBody(body -> respondJson(service.updateIntegration(apiId, integrationId, body, by),
                    StatusCodes.OK, V2ApiJson::integration))),
                delete(() -> respondEmpty(service.deleteIntegration(apiId, integrationId, by), StatusCodes.NO_CONTENT)))),
            pathPrefix("integrationresponses", () -> concat(
                pathEndOrSingleSlash(() -> concat(
                    post(() -> jsonBody(body -> respondJson(service.createIntegrationResponse(apiId, integrationId, body, by),
                        StatusCodes.CREATED, V2ApiJson::integrationResponse))),
                    get(() -> list((token, max) -> service.integrationResponses(apiId, integrationId, token, max),
                        V2ApiJson::integrationResponse)))),
                path(PathMatchers.segment(), responseId -> concat(
                    get(() -> respondJson(service.integrationResponse(apiId, integrationId, responseId), StatusCodes.OK,
                        V2ApiJson::integrationResponse)),
                    delete(() -> respondEmpty(service.deleteIntegrationResponse(apiId, integrationId, responseId, by),
                        StatusCodes.NO_CONTENT))))))))));
  }

  private Route authorizers(String apiId, String by) {
    return pathPrefix("authorizers", () -> concat(
        pathEndOrSingleSlash(() -> concat(
            post(() -> jsonBody(body -> respondJson(service.createAuthorizer(apiId, body, by), StatusCodes.CREATED,
                V2ApiJson::authorizer))),
            get(() -> list((token, max) -> service.authorizers(apiId, token, max), V2ApiJson::authorizer)))),
        path(PathMatchers.segment(), authorizerId -> concat(
            get(() -> respondJson(service.authorizer(apiId, authorizerId), StatusCodes.OK, V2ApiJson::authorizer)),
            patch(() -> jsonBody(body -> respondJson(service.updateAuthorizer(apiId, authorizerId, body, by),
                StatusCodes.OK, V2ApiJson::authorizer))),
            delete(() -> respondEmpty(service.deleteAuthorizer(apiId, authorizerId, by), StatusCodes.NO_CONTENT))))));
  }

  private Route deployments(String apiId, String by) {
    return pathPrefix("deployments", () -> concat(
        pathEndOrSingleSlash(() -> concat(
            post(() -> jsonBody(body -> respondJson(service.createDeployment(apiId, body, by), StatusCodes.CREATED,
                V2ApiJson::deployment))),
            get(() -> list((token, max) -> service.deployments(apiId, token, max), V2ApiJson::deployment)))),
        path(PathMatchers.segment(), deploymentId -> concat(
            get(() -> respondJson(service.deployment(apiId, deploymentId), StatusCodes.OK, V2ApiJson::deployment)),
            delete(() -> respondEmpty(service.deleteDeployment(apiId, deploymentId, by), StatusCodes.NO_CONTENT))))));
  }

  private Route stages(String apiId, String by) {
    return pathPrefix("stages", () -> concat(
        pathEndOrSingleSlash(() -> concat(
            post(() -> jsonBody(body -> respondJson(service.createStage(apiId, body, by), StatusCodes.CREATED,
                V2ApiJson::stage))),
            get(() -> list((token, max) -> service.stages(apiId, token, max), V2ApiJson::stage)))),
        path(PathMatchers.segment(), stageName -> concat(
            get(() -> respondJson(service.stage(apiId, stageName), StatusCodes.OK, V2ApiJson::stage)),
            patch(() -> jsonBody(body -> respondJson(service.updateStage(apiId, stageName, body, by), StatusCodes.OK,
                V2ApiJson::stage))),
            delete(() -> respondEmpty(service.deleteStage(apiId, stageName, by), StatusCodes.NO_CONTENT))))));
  }

  /** ImportApi / ReimportApi's query: {@code basepath} and {@code failOnWarnings}. */
  private Route importing(BiFunction<String, String, Route> inner) {
    return parameterOptional("basepath", basepath -> parameterOptional("failOnWarnings",
        fail -> inner.apply(basepath.orElse(null), fail.orElse(null))));
  }

  /** ExportApi: the document as the body, JSON or YAML as {@code outputType} asks. */
  private Route exporting(String apiId, String specification) {
    return parameterOptional("outputType", outputType -> parameterOptional("stageName", stage ->
        parameterOptional("includeExtensions", extensions -> onComplete(
            service.exportApi(apiId, specification, outputType.orElse(null), stage.orElse(null),
                extensions.orElse(null), json::apiEndpoint),
            outcome -> outcome.isSuccess()
                ? complete(HttpResponse.create().withStatus(StatusCodes.OK).withEntity(HttpEntities.create(
                    "JSON".equals(outputType.orElse(null)) ? ContentTypes.APPLICATION_JSON
                        : ContentTypes.create(MediaTypes.applicationWithOpenCharset("yaml"), HttpCharsets.UTF_8),
                    outcome.get())))
                : complete(AwsErrors.of(outcome.failed().get()))))));
  }

  private ObjectNode imported(V2ApiService.Imported imported) {
    ObjectNode out = json.api(imported.api());
    if (!imported.warnings().isEmpty()) {
      imported.warnings().forEach(out.putArray("warnings")::add);
    }
    return out;
  }

  /** A list operation: {@code nextToken} and {@code maxResults} query parameters, {@code {"items", "nextToken"}} out. */
  private <T> Route list(
      BiFunction<String, String, CompletionStage<Paging.Page<T>>> fetch, Function<T, ObjectNode> render) {
    return parameterOptional("nextToken", token -> parameterOptional("maxResults", max -> respondJson(
        fetch.apply(token.orElse(null), max.orElse(null)), StatusCodes.OK, page -> V2ApiJson.page(page, render))));
  }
}
