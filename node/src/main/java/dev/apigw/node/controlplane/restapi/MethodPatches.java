package dev.apigw.node.controlplane.restapi;

import dev.apigw.node.controlplane.common.PatchOperation.Op;
import dev.apigw.node.controlplane.common.PatchOperation;
import dev.apigw.protocol.errors.NotFoundException;
import dev.apigw.protocol.restapi.Integration;
import dev.apigw.protocol.restapi.IntegrationResponse;
import dev.apigw.protocol.restapi.Method;
import dev.apigw.protocol.restapi.MethodResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * AWS's UpdateMethod, UpdateMethodResponse, UpdateIntegration and UpdateIntegrationResponse patch
 * paths. Each returns the method as it is after the operations; values are checked as Put* checks them.
 */
final class MethodPatches {
  private MethodPatches() {}

  static Method method(Method m, List<PatchOperation> ops) {
    Method o = m;
    for (PatchOperation op : ops) {
      if (op.match("/requestParameters/{name}").isPresent()) {
        var params = patchMap(o.requestParameters(), op, "/requestParameters/{name}", p -> p.value() == null || p.booleanValue());
        o = new Method(o.httpMethod(), o.authorizationType(), o.authorizerId(), o.apiKeyRequired(), o.operationName(), params,
            o.requestModels(), o.requestValidatorId(), o.authorizationScopes(), o.methodResponses(), o.integration());
      } else if (op.match("/requestModels/{contentType}").isPresent()) {
        var models = patchMap(o.requestModels(), op, "/requestModels/{contentType}", PatchOperation::requiredValue);
        o = new Method(o.httpMethod(), o.authorizationType(), o.authorizerId(), o.apiKeyRequired(), o.operationName(),
            o.requestParameters(), models, o.requestValidatorId(), o.authorizationScopes(), o.methodResponses(), o.integration());
      } else if (op.op() == Op.REPLACE) {
        String v = op.value();
        o = switch (op.path()) {
          case "/authorizationType" -> {
            if (!DefinitionRequests.AUTHORIZATION_TYPES.contains(v)) {
              throw op.unsupported(List.copyOf(DefinitionRequests.AUTHORIZATION_TYPES));
            }
            yield new Method(o.httpMethod(), v, o.authorizerId(), o.apiKeyRequired(), o.operationName(), o.requestParameters(),
                o.requestModels(), o.requestValidatorId(), o.authorizationScopes(), o.methodResponses(), o.integration());
          }
          case "/authorizerId" -> new Method(o.httpMethod(), o.authorizationType(), v, o.apiKeyRequired(), o.operationName(),
              o.requestParameters(), o.requestModels(), o.requestValidatorId(), o.authorizationScopes(), o.methodResponses(),
              o.integration());
          case "/apiKeyRequired" -> new Method(o.httpMethod(), o.authorizationType(), o.authorizerId(), op.booleanValue(),
              o.operationName(), o.requestParameters(), o.requestModels(), o.requestValidatorId(), o.authorizationScopes(),
              o.methodResponses(), o.integration());
          case "/operationName" -> new Method(o.httpMethod(), o.authorizationType(), o.authorizerId(), o.apiKeyRequired(), v,
              o.requestParameters(), o.requestModels(), o.requestValidatorId(), o.authorizationScopes(), o.methodResponses(),
              o.integration());
          case "/requestValidatorId" -> new Method(o.httpMethod(), o.authorizationType(), o.authorizerId(), o.apiKeyRequired(),
              o.operationName(), o.requestParameters(), o.requestModels(), v, o.authorizationScopes(), o.methodResponses(),
              o.integration());
          default -> throw op.unsupported(List.of("/authorizationType", "/authorizerId", "/apiKeyRequired", "/operationName",
              "/requestValidatorId", "/requestParameters/{name}", "/requestModels/{contentType}"));
        };
      } else {
        throw op.unsupported(List.of("/requestParameters/{name}", "/requestModels/{contentType}"));
      }
    }
    return o;
  }

  static Method methodResponse(Method m, String statusCode, List<PatchOperation> ops) {
    MethodResponse r = m.methodResponses().get(statusCode);
    if (r == null) {
      throw new NotFoundException("Invalid Response status code specified");
    }
    for (PatchOperation op : ops) {
      if (op.match("/responseParameters/{name}").isPresent()) {
        r = new MethodResponse(r.statusCode(), patchMap(r.responseParameters(), op, "/responseParameters/{name}",
            p -> p.value() == null || p.booleanValue()), r.responseModels());
      } else if (op.match("/responseModels/{contentType}").isPresent()) {
        r = new MethodResponse(r.statusCode(), r.responseParameters(),
            patchMap(r.responseModels(), op, "/responseModels/{contentType}", PatchOperation::requiredValue));
      } else {
        throw op.unsupported(List.of("/responseParameters/{name}", "/responseModels/{contentType}"));
      }
    }
    return m.withMethodResponse(r);
  }

  static Method integration(Method m, List<PatchOperation> ops) {
    Integration i = m.integration();
    if (i == null) {
      throw new NotFoundException("No integration defined for method");
    }
    for (PatchOperation op : ops) {
      if (op.match("/requestParameters/{name}").isPresent()) {
        i = copy(i, b -> b.requestParameters = patchMap(b.requestParameters, op, "/requestParameters/{name}", PatchOperation::requiredValue));
      } else if (op.match("/requestTemplates/{contentType}").isPresent()) {
        i = copy(i, b -> b.requestTemplates = patchMap(b.requestTemplates, op, "/requestTemplates/{contentType}",
            p -> p.value() == null ? "" : p.value()));
      } else if (op.match("/cacheKeyParameters/{name}").isPresent()) {
        String name = op.match("/cacheKeyParameters/{name}").get().get("name");
        i = copy(i, b -> {
          var keys = new ArrayList<>(b.cacheKeyParameters);
          if (op.op() == Op.REMOVE) {
            keys.remove(name);
          } else if (!keys.contains(name)) {
            keys.add(name);
          }
          b.cacheKeyParameters = keys;
        });
      } else if (op.op() == Op.REPLACE) {
        String v = op.value();
        i = switch (op.path()) {
          case "/uri" -> copy(i, b -> b.uri = v);
          case "/httpMethod" -> copy(i, b -> b.httpMethod = DefinitionRequests.httpMethod(v));
          case "/connectionType" -> copy(i, b -> b.connectionType = v);
          case "/connectionId" -> copy(i, b -> b.connectionId = v);
          case "/credentials" -> copy(i, b -> b.credentials = v);
          case "/passthroughBehavior" -> copy(i, b -> b.passthroughBehavior = v);
          case "/contentHandling" -> copy(i, b -> b.contentHandling = v);
          case "/timeoutInMillis" -> copy(i, b -> b.timeoutInMillis = op.intValue());
          case "/cacheNamespace" -> copy(i, b -> b.cacheNamespace = v);
          default -> throw op.unsupported(List.of("/uri", "/httpMethod", "/connectionType", "/connectionId", "/credentials",
              "/passthroughBehavior", "/contentHandling", "/timeoutInMillis", "/cacheNamespace",
              "/requestParameters/{name}", "/requestTemplates/{contentType}", "/cacheKeyParameters/{name}"));
        };
      } else {
        throw op.unsupported(List.of("/requestParameters/{name}", "/requestTemplates/{contentType}", "/cacheKeyParameters/{name}"));
      }
    }
    return m.withIntegration(DefinitionRequests.checked(i));
  }

  static Method integrationResponse(Method m, String statusCode, List<PatchOperation> ops) {
    Integration i = m.integration();
    IntegrationResponse r = i == null ? null : i.integrationResponses().get(statusCode);
    if (r == null) {
      throw new NotFoundException("Invalid Response status code specified");
    }
    for (PatchOperation op : ops) {
      if (op.match("/responseParameters/{name}").isPresent()) {
        r = new IntegrationResponse(r.statusCode(), r.selectionPattern(),
            patchMap(r.responseParameters(), op, "/responseParameters/{name}", PatchOperation::requiredValue),
            r.responseTemplates(), r.contentHandling());
      } else if (op.match("/responseTemplates/{contentType}").isPresent()) {
        r = new IntegrationResponse(r.statusCode(), r.selectionPattern(), r.responseParameters(),
            patchMap(r.responseTemplates(), op, "/responseTemplates/{contentType}", p -> p.value() == null ? "" : p.value()),
            r.contentHandling());
      } else if (op.is(Op.REPLACE, "/selectionPattern")) {
        r = new IntegrationResponse(r.statusCode(), op.value(), r.responseParameters(), r.responseTemplates(), r.contentHandling());
      } else if (op.is(Op.REPLACE, "/contentHandling")) {
        r = new IntegrationResponse(r.statusCode(), r.selectionPattern(), r.responseParameters(), r.responseTemplates(), op.value());
      } else {
        throw op.unsupported(List.of("/selectionPattern", "/contentHandling", "/responseParameters/{name}",
            "/responseTemplates/{contentType}"));
      }
    }
    DefinitionRequests.integrationResponse(r);
    return m.withIntegration(i.withResponse(r));
  }

  /** add/replace puts {@code value(op)} under the captured key, remove drops it. */
  private static <V> Map<String, V> patchMap(Map<String, V> map, PatchOperation op, String template,
      Function<PatchOperation, V> value) {
    String key = op.match(template).orElseThrow().values().iterator().next();
    var next = new LinkedHashMap<>(map);
    switch (op.op()) {
      case ADD, REPLACE -> next.put(key, value.apply(op));
      case REMOVE -> next.remove(key);
      default -> throw op.unsupported(List.of(template));
    }
    return next;
  }

  /** Mutable only inside {@link #copy}. */
  private static final class Builder {
    String httpMethod;
    String uri;
    String connectionType;
    String connectionId;
    String credentials;
    Map<String, String> requestParameters;
    Map<String, String> requestTemplates;
    String passthroughBehavior;
    String contentHandling;
    int timeoutInMillis;
    String cacheNamespace;
    List<String> cacheKeyParameters;
  }

  private static Integration copy(Integration i, java.util.function.Consumer<Builder> change) {
    Builder b = new Builder();
    b.httpMethod = i.httpMethod();
    b.uri = i.uri();
    b.connectionType = i.connectionType();
    b.connectionId = i.connectionId();
    b.credentials = i.credentials();
    b.requestParameters = i.requestParameters();
    b.requestTemplates = i.requestTemplates();
    b.passthroughBehavior = i.passthroughBehavior();
    b.contentHandling = i.contentHandling();
    b.timeoutInMillis = i.timeoutInMillis();
    b.cacheNamespace = i.cacheNamespace();
    b.cacheKeyParameters = i.cacheKeyParameters();
    change.accept(b);
    return new Integration(i.type(), b.httpMethod, b.uri, b.connectionType, b.connectionId, b.credentials,
        b.requestParameters, b.requestTemplates, b.passthroughBehavior, b.contentHandling, b.timeoutInMillis,
        b.cacheNamespace, b.cacheKeyParameters, i.integrationResponses());
  }

}
