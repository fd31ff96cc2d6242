package dev.apigw.node.controlplane.restapi;

import dev.apigw.node.controlplane.common.ControlPlaneDirectives;
import dev.apigw.node.controlplane.common.PatchOperations;
import dev.apigw.protocol.errors.NotFoundException;
import dev.apigw.protocol.restapi.ApiDefinition;
import dev.apigw.protocol.restapi.DefinitionChange;
import dev.apigw.protocol.restapi.GatewayResponse;
import dev.apigw.protocol.restapi.GatewayResponseDefaults;
import java.util.Comparator;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /restapis/{id}/models}, {@code /requestvalidators}, {@code /authorizers} and
 * {@code /gatewayresponses}. Updates read the current value, patch it and write it back as one
 * change. Directives only.
 */
public final class ComponentRoutes extends ControlPlaneDirectives {
  private final DefinitionService service;

  public ComponentRoutes(DefinitionService service) {
    this.service = service;
  }

  public Route route(String by) {
    return pathPrefix("restapis", () -> pathPrefix(PathMatchers.segment(), apiId -> concat(
        models(apiId, by), validators(apiId, by), authorizers(apiId, by), gatewayResponses(apiId, by))));
  }

  private Route models(String apiId, String by) {
    return pathPrefix("models", () -> concat(
        pathEndOrSingleSlash(() -> concat(
            post(() -> jsonBody(body -> {
              var model = ComponentRequests.model(body);
              return respondJson(service.change(apiId, new DefinitionChange.ModelPut(model, true), by),
                  StatusCodes.CREATED, d -> ComponentJson.model(d.model(model.name())));
            })),
            get(() -> respondJson(service.definition(apiId), StatusCodes.OK, d -> ComponentJson.items(
                d.models().values().stream().sorted(Comparator.comparing(m -> m.name())).toList(), ComponentJson::model))))),
        path(PathMatchers.segment().slash("default_template"), name -> get(() -> respondJson(service.definition(apiId),
            StatusCodes.OK, d -> {
              var out = dev.apigw.node.http.Json.object();
              out.put("value", ModelTemplate.of(d, d.model(name)));
              return out;
            }))),
        path(PathMatchers.segment(), name -> concat(
            get(() -> respondJson(service.definition(apiId), StatusCodes.OK, d -> ComponentJson.model(d.model(name)))),
            patch(() -> jsonBody(body -> respondJson(service.definition(apiId).thenCompose(d -> {
              var next = ComponentRequests.patch(d.model(name), PatchOperations.parseForJournal(body));
              return service.change(apiId, new DefinitionChange.ModelPut(next, false), by);
            }), StatusCodes.OK, d -> ComponentJson.model(d.model(name))))),
            delete(() -> respondEmpty(service.change(apiId, new DefinitionChange.ModelDeleted(name), by),
                StatusCodes.ACCEPTED))))));
  }

  private Route validators(String apiId, String by) {
    return pathPrefix("requestvalidators", () -> concat(
        pathEndOrSingleSlash(() -> concat(
            post(() -> jsonBody(body -> {
              var validator = ComponentRequests.validator(body);
              return respondJson(service.change(apiId, new DefinitionChange.RequestValidatorPut(validator, true), by),
                  StatusCodes.CREATED, d -> ComponentJson.validator(d.requestValidator(validator.id())));
            })),
            get(() -> respondJson(service.definition(apiId), StatusCodes.OK, d -> ComponentJson.items(
                d.requestValidators().values().stream().sorted(Comparator.comparing(v -> v.name())).toList(),
                ComponentJson::validator))))),
        path(PathMatchers.segment(), id -> concat(
            get(() -> respondJson(service.definition(apiId), StatusCodes.OK,
                d -> ComponentJson.validator(d.requestValidator(id)))),
            patch(() -> jsonBody(body -> respondJson(service.definition(apiId).thenCompose(d -> {
              var next = ComponentRequests.patch(d.requestValidator(id), PatchOperations.parseForJournal(body));
              return service.change(apiId, new DefinitionChange.RequestValidatorPut(next, false), by);
            }), StatusCodes.OK, d -> ComponentJson.validator(d.requestValidator(id))))),
            delete(() -> respondEmpty(service.change(apiId, new DefinitionChange.RequestValidatorDeleted(id), by),
                StatusCodes.ACCEPTED))))));
  }

  private Route authorizers(String apiId, String by) {
    return pathPrefix("authorizers", () -> concat(
        pathEndOrSingleSlash(() -> concat(
            post(() -> jsonBody(body -> {
              var authorizer = ComponentRequests.authorizer(body);
              return respondJson(service.change(apiId, new DefinitionChange.AuthorizerPut(authorizer, true), by),
                  StatusCodes.CREATED, d -> ComponentJson.authorizer(d.authorizer(authorizer.id())));
            })),
            get(() -> respondJson(service.definition(apiId), StatusCodes.OK, d -> ComponentJson.items(
                d.authorizers().values().stream().sorted(Comparator.comparing(a -> a.name())).toList(),
                ComponentJson::authorizer))))),
        path(PathMatchers.segment(), id -> concat(
            get(() -> respondJson(service.definition(apiId), StatusCodes.OK, d -> ComponentJson.authorizer(d.authorizer(id)))),
            patch(() -> jsonBody(body -> respondJson(service.definition(apiId).thenCompose(d -> {
              var next = ComponentRequests.patch(d.authorizer(id), PatchOperations.parseForJournal(body));
              return service.change(apiId, new DefinitionChange.AuthorizerPut(next, false), by);
            }), StatusCodes.OK, d -> ComponentJson.authorizer(d.authorizer(id))))),
            delete(() -> respondEmpty(service.change(apiId, new DefinitionChange.AuthorizerDeleted(id), by),
                StatusCodes.ACCEPTED))))));
  }

  private Route gatewayResponses(String apiId, String by) {
    return pathPrefix("gatewayresponses", () -> concat(
        pathEndOrSingleSlash(() -> get(() -> respondJson(service.definition(apiId), StatusCodes.OK, d -> ComponentJson.items(
            ApiDefinition.GATEWAY_RESPONSE_TYPES.stream().sorted().toList(), type -> render(d, type))))),
        path(PathMatchers.segment(), type -> concat(
            get(() -> respondJson(service.definition(apiId), StatusCodes.OK, d -> render(d, checkedType(type)))),
            put(() -> jsonBody(body -> respondJson(
                service.change(apiId, new DefinitionChange.GatewayResponsePut(ComponentRequests.gatewayResponse(type, body)), by),
                StatusCodes.CREATED, d -> render(d, type)))),
            patch(() -> jsonBody(body -> respondJson(service.definition(apiId).thenCompose(d -> {
              GatewayResponse current = d.gatewayResponses().get(checkedType(type));
              var next = GatewayResponsePatch.apply(current != null ? current : GatewayResponseDefaults.of(type),
                  PatchOperations.parse(body));
              return service.change(apiId, new DefinitionChange.GatewayResponsePut(next), by);
            }), StatusCodes.OK, d -> render(d, type)))),
            delete(() -> respondEmpty(service.change(apiId, new DefinitionChange.GatewayResponseDeleted(type), by),
                StatusCodes.ACCEPTED))))));
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode render(ApiDefinition d, String type) {
    GatewayResponse custom = d.gatewayResponses().get(type);
    return custom != null ? ComponentJson.gatewayResponse(custom, false)
        : ComponentJson.gatewayResponse(GatewayResponseDefaults.of(type), true);
  }

  private static String checkedType(String type) {
    if (!ApiDefinition.GATEWAY_RESPONSE_TYPES.contains(type)) {
      throw new NotFoundException("Invalid gateway response type specified: " + type);
    }
    return type;
  }

}
