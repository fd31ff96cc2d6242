package dev.apigw.node.controlplane.openapi;

import dev.apigw.protocol.restapi.ApiDefinition;
import dev.apigw.protocol.restapi.Authorizer;
import dev.apigw.protocol.restapi.Method;
import dev.apigw.protocol.restapi.MethodResponse;
import dev.apigw.protocol.restapi.Model;
import dev.apigw.protocol.restapi.Resource;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.servers.ServerVariable;
import io.swagger.v3.oas.models.servers.ServerVariables;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/** A deployment -> an OpenAPI 3.0 document (swagger-core's model), shaped like AWS's {@code oas30} export. */
final class Oas30Writer {
  private static final String SCHEMAS = "#/components/schemas/";

  private Oas30Writer() {}

  static OpenAPI write(ExportSource source, ExportExtensions ext) {
    ApiDefinition d = source.definition();
    OpenAPI doc = new OpenAPI().openapi("3.0.1");
    doc.info(new Info().title(source.api().name()).description(source.api().description()).version(source.version()));
    ExportDocumentation docs = source.docs();
    documentApi(doc, docs);
    doc.addServersItem(new Server().url("https://" + source.host() + "/{basePath}")
        .variables(new ServerVariables().addServerVariable("basePath", new ServerVariable()._default(source.stageName()))));
    Components components = new Components();
    Paths paths = new Paths();
    for (Resource r : d.resourcesByPath()) {
      if (r.methods().isEmpty()) {
        continue;
      }
      PathItem item = new PathItem();
      docs.resource(r.path()).ifPresent(p -> {
        item.summary(p.summary()).description(p.description());
        p.extensions().forEach(item::addExtension);
      });
      for (String httpMethod : ExportExtensions.methodOrder(r.methods())) {
        Operation op = operation(d, r.methods().get(httpMethod), ext, components);
        document(op, docs, r.path(), httpMethod);
        if (httpMethod.equals("ANY")) {
          item.addExtension(OpenApiDocument.ANY_METHOD, op);
        } else {
          item.operation(PathItem.HttpMethod.valueOf(httpMethod), op);
        }
      }
      paths.addPathItem(r.path(), item);
    }
    doc.paths(paths);
    d.models().values().stream().sorted(Comparator.comparing(Model::name)).forEach(m ->
        components.addSchemas(m.name(), Json.mapper().convertValue(ExportExtensions.schema(m, SCHEMAS), Schema.class)));
    documentComponents(d, components, docs);
    if (ext.integrations() && !d.requestValidators().isEmpty()) {
      doc.addExtension(OpenApiReader.REQUEST_VALIDATORS, ExportExtensions.validators(d));
    }
    if (ext.apigateway()) {
      apiLevel(source, doc);
    }
    Object documentation = source.documentationExtension(ext);
    if (documentation != null) {
      doc.addExtension(OpenApiReader.DOCUMENTATION, documentation);
    }
    doc.components(components);
    return doc;
  }

  /** The API part's {@code info} properties and {@code x-*} extensions, as AWS propagates them. */
  private static void documentApi(OpenAPI doc, ExportDocumentation docs) {
    docs.api().ifPresent(api -> {
      api.object("info").ifPresent(info -> {
        Info i = doc.getInfo();
        if (info.title() != null) {
          i.title(info.title());
        }
        if (info.description() != null) {
          i.description(info.description());
        }
        if (info.text("version") != null) {
          i.version(info.text("version"));
        }
        if (info.text("termsOfService") != null) {
          i.termsOfService(info.text("termsOfService"));
        }
      });
      api.extensions().forEach(doc::addExtension);
    });
  }

  /** MODEL parts document their schemas, AUTHORIZER parts their authorizers' security schemes. */
  private static void documentComponents(ApiDefinition d, Components components, ExportDocumentation docs) {
    if (components.getSchemas() != null) {
      components.getSchemas().forEach((name, schema) -> docs.model(name).ifPresent(p -> {
        if (p.title() != null) {
          schema.title(p.title());
        }
        if (p.description() != null) {
          schema.description(p.description());
        }
      }));
    }
    if (components.getSecuritySchemes() != null) {
      d.authorizers().values().forEach(a -> {
        SecurityScheme scheme = components.getSecuritySchemes().get(a.name());
        if (scheme != null) {
          docs.authorizer(a.name()).map(ExportDocumentation.Props::description).ifPresent(scheme::description);
        }
      });
    }
  }

  private static void apiLevel(ExportSource source, OpenAPI doc) {
    if (!source.definition().gatewayResponses().isEmpty()) {
      doc.addExtension(OpenApiReader.GATEWAY_RESPONSES, ExportExtensions.gatewayResponses(source.definition()));
    }
    if (!source.api().binaryMediaTypes().isEmpty()) {
      doc.addExtension(OpenApiReader.BINARY_MEDIA_TYPES, source.api().binaryMediaTypes());
    }
    doc.addExtension(OpenApiReader.API_KEY_SOURCE, source.api().apiKeySource());
    if (source.api().minimumCompressionSize() != null) {
      doc.addExtension(OpenApiReader.MINIMUM_COMPRESSION_SIZE, source.api().minimumCompressionSize());
    }
  }

  private static Operation operation(ApiDefinition d, Method m, ExportExtensions ext, Components components) {
    Operation op = new Operation().operationId(m.operationName());
    new TreeMap<>(m.requestParameters()).forEach((name, required) -> {
      String[] p = ExportExtensions.parameter(name);
      if (p != null) {
        op.addParametersItem(new Parameter().in(p[0]).name(p[1]).required(p[0].equals("path") || required)
            .schema(new StringSchema()));
      }
    });
    if (!m.requestModels().isEmpty()) {
      Content content = new Content();
      new TreeMap<>(m.requestModels()).forEach((type, model) -> content.addMediaType(type, media(model)));
      op.requestBody(new RequestBody().content(content).required(true));
    }
    ApiResponses responses = new ApiResponses();
    m.methodResponses().values().stream().sorted(Comparator.comparing(MethodResponse::statusCode)).forEach(r -> {
      ApiResponse response = new ApiResponse().description(r.statusCode() + " response");
      new TreeMap<>(r.responseParameters()).forEach((name, required) -> {
        String prefix = "method.response.header.";
        if (name.startsWith(prefix)) {
          response.addHeaderObject(name.substring(prefix.length()), new Header().schema(new StringSchema()));
        }
      });
      if (!r.responseModels().isEmpty()) {
        Content content = new Content();
        new TreeMap<>(r.responseModels()).forEach((type, model) -> content.addMediaType(type, media(model)));
        response.content(content);
      }
      responses.addApiResponse(r.statusCode(), response);
    });
    op.responses(responses);
    security(d, m, ext, op, components);
    String validator = ExportExtensions.validatorName(d, m);
    if (ext.integrations() && validator != null) {
      op.addExtension(OperationReader.VALIDATOR, validator);
    }
    if (ext.integrations() && m.integration() != null) {
      op.addExtension(OperationReader.INTEGRATION, ExportExtensions.integration(m.integration()));
    }
    return op;
  }

  /** Copies the published documentation into the operation, its parameters, body, responses and their headers. */
  private static void document(Operation op, ExportDocumentation docs, String path, String httpMethod) {
    docs.method(path, httpMethod).ifPresent(p -> {
      if (p.summary() != null) {
        op.summary(p.summary());
      }
      if (p.description() != null) {
        op.description(p.description());
      }
      if (!p.tags().isEmpty()) {
        op.tags(p.tags());
      }
      p.extensions().forEach(op::addExtension);
    });
    if (op.getParameters() != null) {
      op.getParameters().forEach(param -> docs.parameter(param.getIn(), path, httpMethod, param.getName())
          .map(ExportDocumentation.Props::description).ifPresent(param::description));
    }
    if (op.getRequestBody() != null) {
      docs.requestBody(path, httpMethod).map(ExportDocumentation.Props::description).ifPresent(op.getRequestBody()::description);
    }
    if (op.getResponses() != null) {
      op.getResponses().forEach((status, response) -> {
        docs.response(path, httpMethod, status).map(ExportDocumentation.Props::description).ifPresent(response::description);
        if (response.getHeaders() != null) {
          response.getHeaders().forEach((name, header) -> docs.responseHeader(path, httpMethod, status, name)
              .map(ExportDocumentation.Props::description).ifPresent(header::description));
        }
      });
    }
  }

  private static MediaType media(String model) {
    // Empty and Error are AWS's built-in models; they are not in components unless the API defines them.
    return new MediaType().schema(new Schema<>().$ref(SCHEMAS + model));
  }

  private static void security(ApiDefinition d, Method m, ExportExtensions ext, Operation op, Components components) {
    SecurityRequirement requirement = new SecurityRequirement();
    if (m.apiKeyRequired()) {
      requirement.addList(ExportExtensions.API_KEY_SCHEME);
      components.addSecuritySchemes(ExportExtensions.API_KEY_SCHEME, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
          .name(SecurityReader.API_KEY_HEADER).in(SecurityScheme.In.HEADER));
    }
    if (m.authorizationType().equals("AWS_IAM")) {
      requirement.addList(ExportExtensions.SIGV4_SCHEME);
      components.addSecuritySchemes(ExportExtensions.SIGV4_SCHEME, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
          .name("Authorization").in(SecurityScheme.In.HEADER).extensions(Map.of(SecurityReader.AUTHTYPE, "awsSigv4")));
    }
    Authorizer a = m.authorizerId() == null ? null : d.authorizers().get(m.authorizerId());
    if (a != null) {
      requirement.addList(a.name(), m.authorizationScopes());
      SecurityScheme scheme = new SecurityScheme().type(SecurityScheme.Type.APIKEY).name(ExportExtensions.authorizerHeader(a))
          .in(SecurityScheme.In.HEADER);
      scheme.addExtension(SecurityReader.AUTHTYPE, ExportExtensions.authType(a));
      if (ext.authorizers()) {
        scheme.addExtension(SecurityReader.AUTHORIZER, ExportExtensions.authorizer(a));
      }
      components.addSecuritySchemes(a.name(), scheme);
    }
    if (!requirement.isEmpty()) {
      op.addSecurityItem(requirement);
    }
  }
}
