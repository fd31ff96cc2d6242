package dev.apigw.node.controlplane.keys;

import dev.apigw.node.controlplane.common.ControlPlaneDirectives;
import dev.apigw.node.controlplane.common.JsonFields;
import dev.apigw.node.controlplane.common.Paging;
import dev.apigw.node.controlplane.common.PatchOperations;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /usageplans}, {@code /usageplans/{id}}, {@code /usageplans/{id}/keys[/{keyId}]} and
 * {@code /usageplans/{id}/usage}. Directives only.
 */
public final class UsagePlanRoutes extends ControlPlaneDirectives {
  private final UsagePlanService service;

  public UsagePlanRoutes(UsagePlanService service) {
    this.service = service;
  }

  public Route route() {
    return pathPrefix(
        "usageplans",
        () ->
            concat(
                pathEndOrSingleSlash(
                    () ->
                        concat(
                            post(
                                () ->
                                    jsonBody(
                                        body ->
                                            respondJson(
                                                service.create(CreateUsagePlanRequest.parse(body)),
                                                StatusCodes.CREATED,
                                                UsagePlanJson::render))),
                            get(
                                () ->
                                    parameterMap(
                                        params ->
                                            respondJson(
                                                service.list(params.get("position"), limit(params), params.get("keyId")),
                                                StatusCodes.OK,
                                                UsagePlanJson::renderPage))))),
                pathPrefix(PathMatchers.segment(), planId -> concat(plan(planId), keys(planId), usage(planId)))));
  }

  private Route plan(String planId) {
    return pathEndOrSingleSlash(
        () ->
            concat(
                get(() -> respondJson(service.get(planId), StatusCodes.OK, UsagePlanJson::render)),
                patch(
                    () ->
                        jsonBody(
                            body ->
                                respondJson(
                                    service.update(planId, PatchOperations.parse(body)), StatusCodes.OK, UsagePlanJson::render))),
                delete(() -> respondEmpty(service.delete(planId), StatusCodes.ACCEPTED))));
  }

  private Route keys(String planId) {
    return pathPrefix(
        "keys",
        () ->
            concat(
                pathEndOrSingleSlash(
                    () ->
                        concat(
                            post(
                                () ->
                                    jsonBody(
                                        body ->
                                            respondJson(
                                                service.addKey(
                                                    planId, JsonFields.string(body, "keyId"), JsonFields.string(body, "keyType")),
                                                StatusCodes.CREATED,
                                                UsagePlanJson::renderKey))),
                            get(
                                () ->
                                    parameterMap(
                                        params ->
                                            respondJson(
                                                service.listKeys(planId, params.get("position"), limit(params), params.get("name")),
                                                StatusCodes.OK,
                                                UsagePlanJson::renderKeyPage))))),
                pathPrefix(
                    PathMatchers.segment(),
                    keyId ->
                        concat(
                            pathEndOrSingleSlash(
                                () ->
                                    concat(
                                        get(() -> respondJson(service.getKey(planId, keyId), StatusCodes.OK, UsagePlanJson::renderKey)),
                                        delete(() -> respondEmpty(service.removeKey(planId, keyId), StatusCodes.ACCEPTED)))),
                            path(
                                "usage",
                                () ->
                                    patch(
                                        () ->
                                            jsonBody(
                                                body ->
                                                    respondJson(
                                                        service.updateUsage(planId, keyId, PatchOperations.parse(body)),
                                                        StatusCodes.OK,
                                                        Usage::render))))))));
  }

  private Route usage(String planId) {
    return path(
        "usage",
        () ->
            get(
                () ->
                    parameterMap(
                        params ->
                            respondJson(
                                service.usage(
                                    planId,
                                    UsageQuery.parse(params.get("startDate"), params.get("endDate")),
                                    params.get("keyId"),
                                    params.get("position"),
                                    limit(params)),
                                StatusCodes.OK,
                                Usage::render))));
  }

  private static int limit(Map<String, String> params) {
    return Paging.limit(Optional.ofNullable(params.get("limit")));
  }
}
