package dev.apigw.node.controlplane.openapi;

import dev.apigw.protocol.Ids;
import dev.apigw.protocol.errors.ApiGatewayException;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.restapi.ApiDefinition;
import dev.apigw.protocol.restapi.Authorizer;
import dev.apigw.protocol.restapi.DefinitionChange;
import dev.apigw.protocol.restapi.GatewayResponse;
import dev.apigw.protocol.restapi.Method;
import dev.apigw.protocol.restapi.Model;
import dev.apigw.protocol.restapi.RequestValidator;
import dev.apigw.protocol.restapi.Resource;
import java.util.Optional;

/**
 * Builds a definition in memory through the same {@link ApiDefinition#check}/{@link
 * ApiDefinition#apply} steps the single-item operations use, so an imported definition obeys every
 * rule they do (path parts, greedy paths, sibling variables, resource quota, model names,
 * references). Problems become AWS's 400 naming where in the document they are.
 */
final class DefinitionBuilder {
  private ApiDefinition definition;

  DefinitionBuilder(ApiDefinition base) {
    this.definition = base;
  }

  ApiDefinition definition() {
    return definition;
  }

  /** The id of the resource at {@code path}, creating it and its missing parents. */
  String resource(String path, String where) {
    String current = definition.rootResourceId();
    String currentPath = "";
    for (String part : path.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      currentPath = currentPath + "/" + part;
      String parentId = current;
      Optional<Resource> existing = definition.resources().values().stream()
          .filter(r -> parentId.equals(r.parentId()) && part.equals(r.pathPart()))
          .findFirst();
      if (existing.isPresent()) {
        current = existing.get().id();
      } else {
        String id = Ids.newId();
        change(new DefinitionChange.ResourceCreated(id, parentId, part), where + " (resource " + currentPath + ")");
        current = id;
      }
    }
    return current;
  }

  /** Puts {@code method} on the resource, replacing a method of the same HTTP method. */
  void method(String resourceId, Method method, String where) {
    if (definition.resource(resourceId).methods().containsKey(method.httpMethod())) {
      change(new DefinitionChange.MethodDeleted(resourceId, method.httpMethod()), where);
    }
    change(new DefinitionChange.MethodPut(resourceId, method), where);
  }

  /** Creates or replaces the model of that name (keeping its id). */
  void model(Model model, String where) {
    Model existing = definition.models().get(model.name());
    Model next = existing == null ? model
        : new Model(existing.id(), model.name(), model.description(), model.schema(), model.contentType());
    change(new DefinitionChange.ModelPut(next, existing == null), where);
  }

  /** Creates or replaces the validator of that name; returns its id. */
  String requestValidator(String name, boolean body, boolean parameters, String where) {
    String id = definition.requestValidators().values().stream().filter(v -> v.name().equals(name))
        .map(RequestValidator::id).findFirst().orElse(null);
    boolean created = id == null;
    String next = created ? Ids.newId() : id;
    change(new DefinitionChange.RequestValidatorPut(new RequestValidator(next, name, body, parameters), created), where);
    return next;
  }

  /** Creates or replaces the authorizer of that name (its id is kept); returns its id. */
  String authorizer(Authorizer authorizer, String where) {
    String id = definition.authorizers().values().stream().filter(a -> a.name().equals(authorizer.name()))
        .map(Authorizer::id).findFirst().orElse(null);
    boolean created = id == null;
    String next = created ? Ids.newId() : id;
    change(new DefinitionChange.AuthorizerPut(new Authorizer(next, authorizer.name(), authorizer.type(),
        authorizer.authorizerUri(), authorizer.authorizerCredentials(), authorizer.identitySource(),
        authorizer.identityValidationExpression(), authorizer.authorizerResultTtlInSeconds(), authorizer.providerARNs(),
        authorizer.authType()), created), where);
    return next;
  }

  void gatewayResponse(GatewayResponse response, String where) {
    change(new DefinitionChange.GatewayResponsePut(response), where);
  }

  /** Adds documentation parts; a part that reuses a documented location's id replaces that part. */
  void documentationParts(java.util.List<dev.apigw.protocol.restapi.Documentation.Part> parts, String where) {
    change(new DefinitionChange.DocumentationPartsImported(parts, false), where);
  }

  private void change(DefinitionChange change, String where) {
    try {
      definition.check(change);
    } catch (ApiGatewayException e) {
      // Conflicts and 404s from single-item rules are, in a document, just an invalid document.
      throw new BadRequestException("Invalid OpenAPI input at " + where + ": " + e.getMessage());
    }
    definition = definition.apply(change);
  }
}
