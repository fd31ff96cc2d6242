package dev.apigw.node.controlplane.restapi;

import dev.apigw.persistence.restapi.RestApiEntity;
import dev.apigw.persistence.restapi.RestApis;
import dev.apigw.protocol.Ids;
import dev.apigw.protocol.restapi.ApiDefinition;
import dev.apigw.protocol.restapi.DefinitionChange;
import dev.apigw.protocol.restapi.Integration;
import dev.apigw.protocol.restapi.IntegrationResponse;
import dev.apigw.protocol.restapi.Method;
import dev.apigw.protocol.restapi.MethodResponse;
import dev.apigw.protocol.restapi.Resource;
import java.time.Clock;
import java.util.concurrent.CompletionStage;

/** Resources, methods, method responses, integrations and integration responses of one API. */
public final class DefinitionService {
  private final RestApis apis;
  private final Clock clock;

  public DefinitionService(RestApis apis, Clock clock) {
    this.apis = apis;
    this.clock = clock;
  }

  public CompletionStage<ApiDefinition> definition(String apiId) {
    return apis.inspect(apiId).thenApply(RestApiEntity.Active::definition);
  }

  public CompletionStage<Resource> createResource(String apiId, String parentId, String pathPart, String by) {
    String id = Ids.newId();
    return change(apiId, new DefinitionChange.ResourceCreated(id, parentId, pathPart), by).thenApply(d -> d.resource(id));
  }

  /** UpdateResource: rename ({@code /pathPart}) and/or move ({@code /parentId}) with its subtree. */
  public CompletionStage<Resource> updateResource(String apiId, String resourceId,
      java.util.List<dev.apigw.node.controlplane.common.PatchOperation> ops, String by) {
    return definition(apiId)
        .thenCompose(d -> change(apiId, ResourcePatch.apply(d.resource(resourceId), ops), by))
        .thenApply(d -> d.resource(resourceId));
  }

  public CompletionStage<ApiDefinition> deleteResource(String apiId, String resourceId, String by) {
    return change(apiId, new DefinitionChange.ResourceDeleted(resourceId), by);
  }

  public CompletionStage<Method> putMethod(String apiId, String resourceId, Method method, String by) {
    return change(apiId, new DefinitionChange.MethodPut(resourceId, method), by)
        .thenApply(d -> d.method(resourceId, method.httpMethod()));
  }

  /**
   * Update*: reads the method, applies {@code patch} (which throws AWS's 400/404) and writes the
   * result as one change. Concurrent updates of the same method: the last write wins.
   */
  public CompletionStage<Method> updateMethod(String apiId, String resourceId, String httpMethod,
      java.util.function.UnaryOperator<Method> patch, String what, String by) {
    return definition(apiId)
        .thenCompose(d -> change(apiId, new DefinitionChange.MethodUpdated(resourceId,
            patch.apply(d.method(resourceId, httpMethod)), what), by))
        .thenApply(d -> d.method(resourceId, httpMethod));
  }

  public CompletionStage<ApiDefinition> deleteMethod(String apiId, String resourceId, String httpMethod, String by) {
    return change(apiId, new DefinitionChange.MethodDeleted(resourceId, httpMethod), by);
  }

  public CompletionStage<MethodResponse> putMethodResponse(String apiId, String resourceId, String httpMethod,
      MethodResponse response, String by) {
    return change(apiId, new DefinitionChange.MethodResponsePut(resourceId, httpMethod, response), by)
        .thenApply(d -> d.method(resourceId, httpMethod).methodResponses().get(response.statusCode()));
  }

  public CompletionStage<ApiDefinition> deleteMethodResponse(String apiId, String resourceId, String httpMethod,
      String statusCode, String by) {
    return change(apiId, new DefinitionChange.MethodResponseDeleted(resourceId, httpMethod, statusCode), by);
  }

  public CompletionStage<Integration> putIntegration(String apiId, String resourceId, String httpMethod,
      Integration integration, String by) {
    return change(apiId, new DefinitionChange.IntegrationPut(resourceId, httpMethod, integration), by)
        .thenApply(d -> d.integration(resourceId, httpMethod));
  }

  public CompletionStage<ApiDefinition> deleteIntegration(String apiId, String resourceId, String httpMethod, String by) {
    return change(apiId, new DefinitionChange.IntegrationDeleted(resourceId, httpMethod), by);
  }

  public CompletionStage<IntegrationResponse> putIntegrationResponse(String apiId, String resourceId, String httpMethod,
      IntegrationResponse response, String by) {
    return change(apiId, new DefinitionChange.IntegrationResponsePut(resourceId, httpMethod, response), by)
        .thenApply(d -> d.integration(resourceId, httpMethod).integrationResponses().get(response.statusCode()));
  }

  public CompletionStage<ApiDefinition> deleteIntegrationResponse(String apiId, String resourceId, String httpMethod,
      String statusCode, String by) {
    return change(apiId, new DefinitionChange.IntegrationResponseDeleted(resourceId, httpMethod, statusCode), by);
  }

  /** Makes any definition change (models, validators, authorizers, gateway responses, ...). */
  public CompletionStage<ApiDefinition> change(String apiId, DefinitionChange change, String by) {
    return apis.ask(apiId, r -> new RestApiEntity.ChangeDefinition(change, clock.instant(), by, r));
  }
}
