package dev.apigw.protocol.restapi;

import dev.apigw.protocol.CborSerializable;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.ConflictException;
import dev.apigw.protocol.errors.LimitExceededException;
import dev.apigw.protocol.errors.NotFoundException;
import dev.apigw.protocol.restapi.DefinitionChange.IntegrationDeleted;
import dev.apigw.protocol.restapi.DefinitionChange.IntegrationPut;
import dev.apigw.protocol.restapi.DefinitionChange.IntegrationResponseDeleted;
import dev.apigw.protocol.restapi.DefinitionChange.IntegrationResponsePut;
import dev.apigw.protocol.restapi.DefinitionChange.MethodDeleted;
import dev.apigw.protocol.restapi.DefinitionChange.MethodPut;
import dev.apigw.protocol.restapi.DefinitionChange.MethodResponseDeleted;
import dev.apigw.protocol.restapi.DefinitionChange.MethodResponsePut;
import dev.apigw.protocol.restapi.DefinitionChange.ResourceCreated;
import dev.apigw.protocol.restapi.DefinitionChange.ResourceDeleted;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an API serves: its resource tree with methods and integrations. Immutable; {@link
 * #check} says whether a change is allowed (with AWS's errors), {@link #apply} makes it.
 *
 * @param rootResourceId the id of {@code /}
 * @param resources resource id to resource
 * @param models model name to model
 * @param requestValidators validator id to validator
 * @param authorizers authorizer id to authorizer
 * @param gatewayResponses response type to customised gateway response
 * @param documentation documentation parts and versions (null in events written before they existed)
 */
public record ApiDefinition(
    String rootResourceId,
    Map<String, Resource> resources,
    Map<String, Model> models,
    Map<String, RequestValidator> requestValidators,
    Map<String, Authorizer> authorizers,
    Map<String, GatewayResponse> gatewayResponses,
    Documentation documentation)
    implements CborSerializable {

  /** AWS's default quota of resources per API. */
  public static final int MAX_RESOURCES = 300;

  private static final Pattern LITERAL_PART = Pattern.compile("[a-zA-Z0-9._\\-:@$&=+,;!*'()~]+");
  private static final Pattern VARIABLE_PART = Pattern.compile("\\{[a-zA-Z0-9._\\-]+\\+?}");

  /** AWS's gateway response types. */
  public static final Set<String> GATEWAY_RESPONSE_TYPES = Set.of(
      "ACCESS_DENIED", "API_CONFIGURATION_ERROR", "AUTHORIZER_CONFIGURATION_ERROR", "AUTHORIZER_FAILURE",
      "BAD_REQUEST_PARAMETERS", "BAD_REQUEST_BODY", "DEFAULT_4XX", "DEFAULT_5XX", "EXPIRED_TOKEN", "INVALID_SIGNATURE",
      "INTEGRATION_FAILURE", "INTEGRATION_TIMEOUT", "INVALID_API_KEY", "MISSING_AUTHENTICATION_TOKEN",
      "QUOTA_EXCEEDED", "REQUEST_TOO_LARGE", "RESOURCE_NOT_FOUND", "THROTTLED", "UNAUTHORIZED",
      "UNSUPPORTED_MEDIA_TYPE", "WAF_FILTERED");

  private static final Pattern MODEL_NAME = Pattern.compile("[a-zA-Z0-9]+");

  public ApiDefinition {
    resources = Map.copyOf(resources);
    models = models == null ? Map.of() : Map.copyOf(models);
    requestValidators = requestValidators == null ? Map.of() : Map.copyOf(requestValidators);
    authorizers = authorizers == null ? Map.of() : Map.copyOf(authorizers);
    gatewayResponses = gatewayResponses == null ? Map.of() : Map.copyOf(gatewayResponses);
    documentation = documentation == null ? Documentation.EMPTY : documentation;
  }

  /** A definition without documentation (imports, tests). */
  public ApiDefinition(String rootResourceId, Map<String, Resource> resources, Map<String, Model> models,
      Map<String, RequestValidator> requestValidators, Map<String, Authorizer> authorizers,
      Map<String, GatewayResponse> gatewayResponses) {
    this(rootResourceId, resources, models, requestValidators, authorizers, gatewayResponses, Documentation.EMPTY);
  }

  /** A definition with only the root resource. */
  public static ApiDefinition empty(String rootResourceId) {
    return new ApiDefinition(rootResourceId, Map.of(rootResourceId, new Resource(rootResourceId, null, null, "/", Map.of())),
        Map.of(), Map.of(), Map.of(), Map.of(), Documentation.EMPTY);
  }

  /**
   * This definition with new resource ids ({@code rootId} for the root, {@code ids} for the others), as a clone
   * of an API gets them (CreateRestApi with {@code cloneFrom}); everything else is kept as is.
   */
  public ApiDefinition withNewResourceIds(String rootId, java.util.function.Supplier<String> ids) {
    Map<String, String> renamed = new HashMap<>();
    resources.keySet().forEach(id -> renamed.put(id, id.equals(rootResourceId) ? rootId : ids.get()));
    Map<String, Resource> next = new HashMap<>();
    resources.values().forEach(r -> next.put(renamed.get(r.id()), new Resource(renamed.get(r.id()),
        r.parentId() == null ? null : renamed.get(r.parentId()), r.pathPart(), r.path(), r.methods())));
    return new ApiDefinition(rootId, next, models, requestValidators, authorizers, gatewayResponses, documentation);
  }

  private ApiDefinition withResources(Map<String, Resource> next) {
    return new ApiDefinition(rootResourceId, next, models, requestValidators, authorizers, gatewayResponses, documentation);
  }

  /** The model, or AWS's 404. */
  public Model model(String name) {
    Model m = models.get(name);
    if (m == null) {
      throw new NotFoundException("Invalid model name specified: " + name);
    }
    return m;
  }

  /** The request validator, or AWS's 404. */
  public RequestValidator requestValidator(String id) {
    RequestValidator v = requestValidators.get(id);
    if (v == null) {
      throw new NotFoundException("Invalid Request Validator identifier specified");
    }
    return v;
  }

  /** The authorizer, or AWS's 404. */
  public Authorizer authorizer(String id) {
    Authorizer a = authorizers.get(id);
    if (a == null) {
      throw new NotFoundException("Invalid authorizer identifier specified");
    }
    return a;
  }

  /** The documentation part, or AWS's 404. */
  public Documentation.Part documentationPart(String id) {
    Documentation.Part p = documentation.parts().get(id);
    if (p == null) {
      throw new NotFoundException("Invalid Documentation part identifier specified");
    }
    return p;
  }

  /** The documentation version, or AWS's 404. */
  public Documentation.Version documentationVersion(String version) {
    Documentation.Version v = documentation.versions().get(version);
    if (v == null) {
      throw new NotFoundException("Invalid Documentation version identifier specified");
    }
    return v;
  }

  private ApiDefinition withDocumentation(Documentation next) {
    return new ApiDefinition(rootResourceId, resources, models, requestValidators, authorizers, gatewayResponses, next);
  }

  /** Resources ordered by path, as listings show them. */
  public List<Resource> resourcesByPath() {
    return resources.values().stream().sorted(Comparator.comparing(Resource::path)).toList();
  }

  /** The resource, or AWS's 404. */
  public Resource resource(String resourceId) {
    Resource r = resources.get(resourceId);
    if (r == null) {
      throw new NotFoundException("Invalid Resource identifier specified");
    }
    return r;
  }

  /** The method, or AWS's 404. */
  public Method method(String resourceId, String httpMethod) {
    Method m = resource(resourceId).methods().get(httpMethod);
    if (m == null) {
      throw new NotFoundException("Invalid Method identifier specified");
    }
    return m;
  }

  /** The integration, or AWS's 404. */
  public Integration integration(String resourceId, String httpMethod) {
    Integration i = method(resourceId, httpMethod).integration();
    if (i == null) {
      throw new NotFoundException("No integration defined for method");
    }
    return i;
  }

  /** Whether any resource has a method; AWS refuses to deploy an API without one. */
  public boolean hasMethods() {
    return resources.values().stream().anyMatch(r -> !r.methods().isEmpty());
  }

  /** Throws AWS's error if {@code change} may not be made to this definition. */
  public void check(DefinitionChange change) {
    if (change instanceof ResourceCreated c) {
      checkNewResource(c);
    } else if (change instanceof DefinitionChange.ResourceUpdated c) {
      checkMovedResource(c);
    } else if (change instanceof ResourceDeleted c) {
      resource(c.resourceId());
      if (c.resourceId().equals(rootResourceId)) {
        throw new BadRequestException("Cannot delete the root resource");
      }
    } else if (change instanceof MethodPut c) {
      if (resource(c.resourceId()).methods().containsKey(c.method().httpMethod())) {
        throw new ConflictException("Method already exists for this resource");
      }
      checkReferences(c.method());
    } else if (change instanceof DefinitionChange.MethodUpdated c) {
      method(c.resourceId(), c.method().httpMethod());
      checkReferences(c.method());
    } else if (change instanceof MethodDeleted c) {
      method(c.resourceId(), c.httpMethod());
    } else if (change instanceof MethodResponsePut c) {
      method(c.resourceId(), c.httpMethod());
    } else if (change instanceof MethodResponseDeleted c) {
      if (!method(c.resourceId(), c.httpMethod()).methodResponses().containsKey(c.statusCode())) {
        throw new NotFoundException("Invalid Response status code specified");
      }
    } else if (change instanceof IntegrationPut c) {
      method(c.resourceId(), c.httpMethod());
    } else if (change instanceof IntegrationDeleted c) {
      integration(c.resourceId(), c.httpMethod());
    } else if (change instanceof IntegrationResponsePut c) {
      integration(c.resourceId(), c.httpMethod());
    } else if (change instanceof IntegrationResponseDeleted c) {
      if (!integration(c.resourceId(), c.httpMethod()).integrationResponses().containsKey(c.statusCode())) {
        throw new NotFoundException("Invalid Response status code specified");
      }
    } else if (change instanceof DefinitionChange.ModelPut c) {
      checkModel(c);
    } else if (change instanceof DefinitionChange.ModelDeleted c) {
      model(c.name());
      methods().filter(m -> m.requestModels().containsValue(c.name())).findFirst().ifPresent(m -> {
        throw new ConflictException("Cannot delete model '" + c.name() + "', is referenced in method request: "
            + m.httpMethod());
      });
    } else if (change instanceof DefinitionChange.RequestValidatorPut c) {
      boolean nameTaken = requestValidators.values().stream()
          .anyMatch(v -> v.name().equals(c.validator().name()) && !v.id().equals(c.validator().id()));
      if (nameTaken) {
        throw new ConflictException("Validator with the given name already exists: " + c.validator().name());
      }
      if (!c.created()) {
        requestValidator(c.validator().id());
      }
    } else if (change instanceof DefinitionChange.RequestValidatorDeleted c) {
      requestValidator(c.id());
    } else if (change instanceof DefinitionChange.AuthorizerPut c) {
      if (!c.created()) {
        authorizer(c.authorizer().id());
      }
    } else if (change instanceof DefinitionChange.AuthorizerDeleted c) {
      authorizer(c.id());
      methods().filter(m -> c.id().equals(m.authorizerId())).findFirst().ifPresent(m -> {
        throw new ConflictException("Cannot delete authorizer '" + c.id() + "', is referenced in method: " + m.httpMethod());
      });
    } else if (change instanceof DefinitionChange.GatewayResponsePut c) {
      if (!GATEWAY_RESPONSE_TYPES.contains(c.response().responseType())) {
        throw new BadRequestException("Invalid gateway response type: " + c.response().responseType());
      }
    } else if (change instanceof DefinitionChange.GatewayResponseDeleted c) {
      if (!gatewayResponses.containsKey(c.responseType())) {
        throw new NotFoundException("Gateway response type not defined on api: " + c.responseType());
      }
    } else if (change instanceof DefinitionChange.DocumentationPartPut c) {
      Documentation.Part same = documentation.at(c.part().location());
      if (c.created() && same != null) {
        throw new ConflictException("Documentation part already exists for the specified location: type '"
            + c.part().location().type() + "'" + (c.part().location().path() == null ? ""
            : ", path '" + c.part().location().path() + "'") + ".");
      }
      if (!c.created()) {
        documentationPart(c.part().id());
      }
    } else if (change instanceof DefinitionChange.DocumentationPartDeleted c) {
      documentationPart(c.id());
    } else if (change instanceof DefinitionChange.DocumentationVersionPut c) {
      if (c.created() && documentation.versions().containsKey(c.version())) {
        throw new ConflictException("Documentation version already exists: " + c.version());
      }
      if (!c.created()) {
        documentationVersion(c.version());
      }
    } else if (change instanceof DefinitionChange.DocumentationVersionDeleted c) {
      documentationVersion(c.version());
    } else if (change instanceof DefinitionChange.DefinitionReplaced c) {
      if (!rootResourceId.equals(c.definition().rootResourceId())) {
        throw new IllegalArgumentException("definition.rootResourceId: " + c.definition().rootResourceId()
            + " (expected: " + rootResourceId + ")");
      }
    }
  }

  private void checkModel(DefinitionChange.ModelPut c) {
    String name = c.model().name();
    if (name == null || !MODEL_NAME.matcher(name).matches()) {
      throw new BadRequestException("Model name must be alphanumeric: " + name);
    }
    if (c.created() && models.containsKey(name)) {
      throw new ConflictException("Model name already exists for this REST API");
    }
    if (!c.created()) {
      model(name);
    }
  }

  private void checkReferences(Method method) {
    if (method.requestValidatorId() != null && !requestValidators.containsKey(method.requestValidatorId())) {
      throw new BadRequestException("Invalid Request Validator identifier specified");
    }
    if (method.authorizerId() != null && !authorizers.containsKey(method.authorizerId())) {
      throw new BadRequestException("Invalid authorizer ID specified. Setting the authorization type to "
          + method.authorizationType() + " requires a valid authorizer.");
    }
    for (String model : method.requestModels().values()) {
      if (!models.containsKey(model) && !"Empty".equals(model) && !"Error".equals(model)) {
        throw new BadRequestException("Invalid model identifier specified: " + model);
      }
    }
  }

  private java.util.stream.Stream<Method> methods() {
    return resources.values().stream().flatMap(r -> r.methods().values().stream());
  }

  private void checkMovedResource(DefinitionChange.ResourceUpdated c) {
    Resource current = resource(c.resourceId());
    if (current.id().equals(rootResourceId)) {
      throw new BadRequestException("The root resource cannot be updated");
    }
    resource(c.parentId());
    if (subtree(c.resourceId()).contains(c.parentId())) {
      throw new BadRequestException("Resources cannot be cyclical.");
    }
    if (c.parentId().equals(current.parentId()) && c.pathPart().equals(current.pathPart())) {
      return;
    }
    checkPlacement(c.parentId(), c.pathPart(), c.resourceId());
  }

  private void checkNewResource(ResourceCreated c) {
    checkPlacement(c.parentId(), c.pathPart(), null);
    if (resources.size() >= MAX_RESOURCES) {
      throw new LimitExceededException("Cannot create more than " + MAX_RESOURCES + " resources in a REST API");
    }
  }

  /** Whether {@code part} may sit under {@code parentId}; {@code self} (moving) is not its own sibling. */
  private void checkPlacement(String parentId, String part, String self) {
    Resource parent = resource(parentId);
    if (part == null || !(LITERAL_PART.matcher(part).matches() || VARIABLE_PART.matcher(part).matches())) {
      throw new BadRequestException(
          "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace.");
    }
    if (parent.isGreedy()) {
      throw new BadRequestException("Cannot create a child of a resource with a greedy path variable: " + parent.path());
    }
    for (Resource sibling : children(parent.id())) {
      if (sibling.id().equals(self)) {
        continue;
      }
      if (sibling.pathPart().equals(part)) {
        throw new ConflictException("Another resource with the same parent already has this name: " + part);
      }
      if (sibling.isVariable() && VARIABLE_PART.matcher(part).matches()) {
        throw new BadRequestException(
            "A sibling (" + sibling.pathPart() + ") of this resource already has a variable path part -- only one is allowed");
      }
    }
  }

  /** The definition after {@code change}; call {@link #check} first (replay trusts the journal). */
  public ApiDefinition apply(DefinitionChange change) {
    if (change instanceof ResourceCreated c) {
      Resource parent = resources.get(c.parentId());
      String path = ("/".equals(parent.path()) ? "" : parent.path()) + "/" + c.pathPart();
      return with(new Resource(c.id(), c.parentId(), c.pathPart(), path, Map.of()));
    }
    if (change instanceof DefinitionChange.ResourceUpdated c) {
      return moved(c);
    }
    if (change instanceof ResourceDeleted c) {
      var next = new HashMap<>(resources);
      next.keySet().removeAll(subtree(c.resourceId()));
      return withResources(next);
    }
    if (change instanceof MethodPut c) {
      return with(resources.get(c.resourceId()).withMethod(c.method()));
    }
    if (change instanceof DefinitionChange.MethodUpdated c) {
      return withMethod(c.resourceId(), c.method());
    }
    if (change instanceof MethodDeleted c) {
      return with(resources.get(c.resourceId()).withoutMethod(c.httpMethod()));
    }
    if (change instanceof MethodResponsePut c) {
      return withMethod(c.resourceId(), method(c.resourceId(), c.httpMethod()).withMethodResponse(c.response()));
    }
    if (change instanceof MethodResponseDeleted c) {
      return withMethod(c.resourceId(), method(c.resourceId(), c.httpMethod()).withoutMethodResponse(c.statusCode()));
    }
    if (change instanceof IntegrationPut c) {
      Method m = method(c.resourceId(), c.httpMethod());
      // PutIntegration replaces the integration but, like AWS, keeps its integration responses.
      Integration kept = m.integration();
      Integration next = kept == null ? c.integration() : withResponses(c.integration(), kept.integrationResponses());
      return withMethod(c.resourceId(), m.withIntegration(next));
    }
    if (change instanceof IntegrationDeleted c) {
      return withMethod(c.resourceId(), method(c.resourceId(), c.httpMethod()).withIntegration(null));
    }
    if (change instanceof IntegrationResponsePut c) {
      Method m = method(c.resourceId(), c.httpMethod());
      return withMethod(c.resourceId(), m.withIntegration(m.integration().withResponse(c.response())));
    }
    if (change instanceof IntegrationResponseDeleted c) {
      Method m = method(c.resourceId(), c.httpMethod());
      return withMethod(c.resourceId(), m.withIntegration(m.integration().withoutResponse(c.statusCode())));
    }
    if (change instanceof DefinitionChange.ModelPut c) {
      return new ApiDefinition(rootResourceId, resources, put(models, c.model().name(), c.model()), requestValidators,
          authorizers, gatewayResponses, documentation);
    }
    if (change instanceof DefinitionChange.ModelDeleted c) {
      return new ApiDefinition(rootResourceId, resources, remove(models, c.name()), requestValidators, authorizers,
          gatewayResponses, documentation);
    }
    if (change instanceof DefinitionChange.RequestValidatorPut c) {
      return new ApiDefinition(rootResourceId, resources, models, put(requestValidators, c.validator().id(), c.validator()),
          authorizers, gatewayResponses, documentation);
    }
    if (change instanceof DefinitionChange.RequestValidatorDeleted c) {
      return new ApiDefinition(rootResourceId, resources, models, remove(requestValidators, c.id()), authorizers,
          gatewayResponses, documentation);
    }
    if (change instanceof DefinitionChange.AuthorizerPut c) {
      return new ApiDefinition(rootResourceId, resources, models, requestValidators,
          put(authorizers, c.authorizer().id(), c.authorizer()), gatewayResponses, documentation);
    }
    if (change instanceof DefinitionChange.AuthorizerDeleted c) {
      return new ApiDefinition(rootResourceId, resources, models, requestValidators, remove(authorizers, c.id()),
          gatewayResponses, documentation);
    }
    if (change instanceof DefinitionChange.GatewayResponsePut c) {
      return new ApiDefinition(rootResourceId, resources, models, requestValidators, authorizers,
          put(gatewayResponses, c.response().responseType(), c.response()), documentation);
    }
    if (change instanceof DefinitionChange.GatewayResponseDeleted c) {
      return new ApiDefinition(rootResourceId, resources, models, requestValidators, authorizers,
          remove(gatewayResponses, c.responseType()), documentation);
    }
    if (change instanceof DefinitionChange.DefinitionReplaced c) {
      // An import without documentation keeps the API's own; one with documentation parts brings the parts (the
      // reader already merged or replaced them), while the published versions stay the API's.
      Documentation imported = c.definition().documentation();
      if (imported.equals(Documentation.EMPTY)) {
        return c.definition().withDocumentation(documentation);
      }
      Map<String, Documentation.Version> versions = new HashMap<>(documentation.versions());
      versions.putAll(imported.versions());
      return c.definition().withDocumentation(new Documentation(imported.parts(), versions));
    }
    if (change instanceof DefinitionChange.DocumentationPartPut c) {
      return withDocumentation(new Documentation(put(documentation.parts(), c.part().id(), c.part()),
          documentation.versions()));
    }
    if (change instanceof DefinitionChange.DocumentationPartDeleted c) {
      return withDocumentation(new Documentation(remove(documentation.parts(), c.id()), documentation.versions()));
    }
    if (change instanceof DefinitionChange.DocumentationPartsImported c) {
      Map<String, Documentation.Part> parts = new HashMap<>(c.overwrite() ? Map.of() : documentation.parts());
      c.parts().forEach(p -> parts.put(p.id(), p));
      return withDocumentation(new Documentation(parts, documentation.versions()));
    }
    if (change instanceof DefinitionChange.DocumentationVersionPut c) {
      Documentation.Version v = c.created()
          ? new Documentation.Version(c.version(), c.createdDate(), c.description(), documentation.parts())
          : new Documentation.Version(c.version(), documentation.versions().get(c.version()).createdDate(),
              c.description(), documentation.versions().get(c.version()).parts());
      return withDocumentation(new Documentation(documentation.parts(), put(documentation.versions(), c.version(), v)));
    }
    if (change instanceof DefinitionChange.DocumentationVersionDeleted c) {
      return withDocumentation(new Documentation(documentation.parts(), remove(documentation.versions(), c.version())));
    }
    throw new IllegalArgumentException("Unknown definition change: " + change);
  }

  private ApiDefinition moved(DefinitionChange.ResourceUpdated c) {
    var next = new HashMap<>(resources);
    Resource r = resources.get(c.resourceId());
    next.put(r.id(), new Resource(r.id(), c.parentId(), c.pathPart(), null, r.methods()));
    // Paths below the moved resource follow it; parents before children (breadth first).
    List<String> todo = new ArrayList<>(List.of(r.id()));
    while (!todo.isEmpty()) {
      Resource at = next.get(todo.remove(0));
      String parentPath = next.get(at.parentId()).path();
      String path = ("/".equals(parentPath) ? "" : parentPath) + "/" + at.pathPart();
      next.put(at.id(), new Resource(at.id(), at.parentId(), at.pathPart(), path, at.methods()));
      children(at.id()).forEach(child -> todo.add(child.id()));
    }
    return withResources(next);
  }

  private static <V> Map<String, V> put(Map<String, V> map, String key, V value) {
    var next = new HashMap<>(map);
    next.put(key, value);
    return next;
  }

  private static <V> Map<String, V> remove(Map<String, V> map, String key) {
    var next = new HashMap<>(map);
    next.remove(key);
    return next;
  }

  private static Integration withResponses(Integration i, Map<String, IntegrationResponse> responses) {
    Integration out = i;
    for (IntegrationResponse r : responses.values()) {
      out = out.withResponse(r);
    }
    return out;
  }

  private ApiDefinition withMethod(String resourceId, Method method) {
    return with(resources.get(resourceId).withMethod(method));
  }

  private ApiDefinition with(Resource resource) {
    var next = new HashMap<>(resources);
    next.put(resource.id(), resource);
    return withResources(next);
  }

  private List<Resource> children(String parentId) {
    return resources.values().stream().filter(r -> parentId.equals(r.parentId())).toList();
  }

  private Set<String> subtree(String resourceId) {
    Set<String> out = new HashSet<>();
    List<String> todo = new ArrayList<>(List.of(resourceId));
    while (!todo.isEmpty()) {
      String id = todo.remove(todo.size() - 1);
      out.add(id);
      children(id).forEach(child -> todo.add(child.id()));
    }
    return out;
  }
}
