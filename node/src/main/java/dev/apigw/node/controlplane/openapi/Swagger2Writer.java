package dev.apigw.node.controlplane.openapi;

import dev.apigw.protocol.restapi.ApiDefinition;
import dev.apigw.protocol.restapi.Authorizer;
import dev.apigw.protocol.restapi.Method;
import dev.apigw.protocol.restapi.MethodResponse;
import dev.apigw.protocol.restapi.Model;
import dev.apigw.protocol.restapi.Resource;
import io.swagger.models.Info;
import io.swagger.models.Operation;
import io.swagger.models.Path;
import io.swagger.models.RefModel;
import io.swagger.models.Response;
import io.swagger.models.Scheme;
import io.swagger.models.Swagger;
import io.swagger.models.auth.AbstractSecuritySchemeDefinition;
import io.swagger.models.auth.ApiKeyAuthDefinition;
import io.swagger.models.auth.In;
import io.swagger.models.parameters.BodyParameter;
import io.swagger.models.parameters.HeaderParameter;
import io.swagger.models.parameters.PathParameter;
import io.swagger.models.parameters.QueryParameter;
import io.swagger.models.parameters.SerializableParameter;
import io.swagger.models.properties.StringProperty;
import io.swagger.util.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/** A deployment -> a Swagger 2.0 document (swagger-models), shaped like AWS's {@code swagger} export. */
final class Swagger2Writer {
  private static final String DEFINITIONS = "#/definitions/";

  private Swagger2Writer() {}

  static Swagger write(ExportSource source, ExportExtensions ext) {
    ApiDefinition d = source.definition();
    Swagger doc = new Swagger();
    doc.info(new Info().title(source.api().name()).description(source.api().description()).version(source.version()));
    ExportDocumentation docs = source.docs();
    documentApi(doc, docs);
    doc.host(source.host());
    doc.basePath("/" + source.stageName());
    doc.scheme(Scheme.HTTPS);
    for (Resource r : d.resourcesByPath()) {
      if (r.methods().isEmpty()) {
        continue;
      }
      Path path = new Path();
      // Swagger 2.0's path item has no summary or description: only a RESOURCE part's x-* properties fit.
      docs.resource(r.path()).ifPresent(p -> p.extensions().forEach(path::setVendorExtension));
      for (String httpMethod : ExportExtensions.methodOrder(r.methods())) {
        Operation op = operation(d, r.methods().get(httpMethod), ext, doc);
        document(op, docs, r.path(), httpMethod);
        if (httpMethod.equals("ANY")) {
          path.setVendorExtension(OpenApiDocument.ANY_METHOD, op);
        } else {
          path.set(httpMethod.toLowerCase(), op);
        }
      }
      doc.path(r.path(), path);
    }
    d.models().values().stream().sorted(Comparator.comparing(Model::name)).forEach(m ->
        doc.addDefinition(m.name(), Json.mapper().convertValue(ExportExtensions.schema(m, DEFINITIONS), io.swagger.models.Model.class)));
    documentDefinitions(d, doc, docs);
    if (ext.integrations() && !d.requestValidators().isEmpty()) {
      doc.setVendorExtension(OpenApiReader.REQUEST_VALIDATORS, ExportExtensions.validators(d));
    }
    if (ext.apigateway()) {
      if (!d.gatewayResponses().isEmpty()) {
        doc.setVendorExtension(OpenApiReader.GATEWAY_RESPONSES, ExportExtensions.gatewayResponses(d));
      }
      if (!source.api().binaryMediaTypes().isEmpty()) {
        doc.setVendorExtension(OpenApiReader.BINARY_MEDIA_TYPES, source.api().binaryMediaTypes());
      }
      doc.setVendorExtension(OpenApiReader.API_KEY_SOURCE, source.api().apiKeySource());
      if (source.api().minimumCompressionSize() != null) {
        doc.setVendorExtension(OpenApiReader.MINIMUM_COMPRESSION_SIZE, source.api().minimumCompressionSize());
      }
    }
    Object documentation = source.documentationExtension(ext);
    if (documentation != null) {
      doc.setVendorExtension(OpenApiReader.DOCUMENTATION, documentation);
    }
    return doc;
  }

  /** The API part's {@code info} properties and {@code x-*} extensions, as AWS propagates them. */
  private static void documentApi(Swagger doc, ExportDocumentation docs) {
    docs.api().ifPresent(api -> {
      api.object("info").ifPresent(info -> {
        Info i = doc.getInfo();
        if (info.title() != null) {
          i.setTitle(info.title());
        }
        if (info.description() != null) {
          i.setDescription(info.description());
        }
        if (info.text("version") != null) {
          i.setVersion(info.text("version"));
        }
        if (info.text("termsOfService") != null) {
          i.setTermsOfService(info.text("termsOfService"));
        }
      });
      api.extensions().forEach(doc::setVendorExtension);
    });
  }

  /** MODEL parts document their definitions, AUTHORIZER parts their authorizers' security definitions. */
  private static void documentDefinitions(ApiDefinition d, Swagger doc, ExportDocumentation docs) {
    if (doc.getDefinitions() != null) {
      doc.getDefinitions().forEach((name, model) -> docs.model(name).ifPresent(p -> {
        if (p.title() != null) {
          model.setTitle(p.title());
        }
        if (p.description() != null) {
          model.setDescription(p.description());
        }
      }));
    }
    if (doc.getSecurityDefinitions() != null) {
      d.authorizers().values().forEach(a -> {
        if (doc.getSecurityDefinitions().get(a.name()) instanceof AbstractSecuritySchemeDefinition scheme) {
          docs.authorizer(a.name()).map(ExportDocumentation.Props::description).ifPresent(scheme::setDescription);
        }
      });
    }
  }

  /** Copies the published documentation into the operation, its parameters, body, responses and their headers. */
  private static void document(Operation op, ExportDocumentation docs, String path, String httpMethod) {
    docs.method(path, httpMethod).ifPresent(p -> {
      if (p.summary() != null) {
        op.setSummary(p.summary());
      }
      if (p.description() != null) {
        op.setDescription(p.description());
      }
      if (!p.tags().isEmpty()) {
        op.setTags(p.tags());
      }
      p.extensions().forEach(op::setVendorExtension);
    });
    if (op.getParameters() != null) {
      // Swagger 2.0's request body is the "body" parameter.
      op.getParameters().forEach(param -> (param.getIn().equals("body") ? docs.requestBody(path, httpMethod)
              : docs.parameter(param.getIn(), path, httpMethod, param.getName()))
          .map(ExportDocumentation.Props::description).ifPresent(param::setDescription));
    }
    if (op.getResponses() != null) {
      op.getResponses().forEach((status, response) -> {
        docs.response(path, httpMethod, status).map(ExportDocumentation.Props::description).ifPresent(response::setDescription);
        if (response.getHeaders() != null) {
          response.getHeaders().forEach((name, header) -> docs.responseHeader(path, httpMethod, status, name)
              .map(ExportDocumentation.Props::description).ifPresent(header::setDescription));
        }
      });
    }
  }

  private static Operation operation(ApiDefinition d, Method m, ExportExtensions ext, Swagger doc) {
    Operation op = new Operation();
    op.setOperationId(m.operationName());
    new TreeMap<>(m.requestParameters()).forEach((name, required) -> {
      String[] p = ExportExtensions.parameter(name);
      if (p == null) {
        return;
      }
      SerializableParameter param = switch (p[0]) {
        case "path" -> new PathParameter();
        case "query" -> new QueryParameter();
        default -> new HeaderParameter();
      };
      param.setName(p[1]);
      param.setRequired(p[0].equals("path") || required);
      param.setType("string");
      op.addParameter(param);
    });
    if (!m.requestModels().isEmpty()) {
      // Swagger 2.0 has one body schema per operation; the media types go to "consumes".
      var models = new TreeMap<>(m.requestModels());
      op.setConsumes(new ArrayList<>(models.keySet()));
      BodyParameter body = new BodyParameter();
      body.setName(models.firstEntry().getValue());
      body.setRequired(true);
      body.setSchema(new RefModel(DEFINITIONS + models.firstEntry().getValue()));
      op.addParameter(body);
    }
    List<String> produces = new ArrayList<>();
    m.methodResponses().values().stream().sorted(Comparator.comparing(MethodResponse::statusCode)).forEach(r -> {
      Response response = new Response().description(r.statusCode() + " response");
      new TreeMap<>(r.responseParameters()).forEach((name, required) -> {
        String prefix = "method.response.header.";
        if (name.startsWith(prefix)) {
          response.addHeader(name.substring(prefix.length()), new StringProperty());
        }
      });
      if (!r.responseModels().isEmpty()) {
        var models = new TreeMap<>(r.responseModels());
        models.keySet().stream().filter(t -> !produces.contains(t)).forEach(produces::add);
        response.setResponseSchema(new RefModel(DEFINITIONS + models.firstEntry().getValue()));
      }
      op.response(Integer.parseInt(r.statusCode()), response);
    });
    if (!produces.isEmpty()) {
      op.setProduces(produces);
    }
    security(d, m, ext, op, doc);
    String validator = ExportExtensions.validatorName(d, m);
    if (ext.integrations() && validator != null) {
      op.setVendorExtension(OperationReader.VALIDATOR, validator);
    }
    if (ext.integrations() && m.integration() != null) {
      op.setVendorExtension(OperationReader.INTEGRATION, ExportExtensions.integration(m.integration()));
    }
    return op;
  }

  private static void security(ApiDefinition d, Method m, ExportExtensions ext, Operation op, Swagger doc) {
    if (m.apiKeyRequired()) {
      op.addSecurity(ExportExtensions.API_KEY_SCHEME, List.of());
      doc.securityDefinition(ExportExtensions.API_KEY_SCHEME, new ApiKeyAuthDefinition(SecurityReader.API_KEY_HEADER, In.HEADER));
    }
    if (m.authorizationType().equals("AWS_IAM")) {
      op.addSecurity(ExportExtensions.SIGV4_SCHEME, List.of());
      ApiKeyAuthDefinition sigv4 = new ApiKeyAuthDefinition("Authorization", In.HEADER);
      sigv4.setVendorExtension(SecurityReader.AUTHTYPE, "awsSigv4");
      doc.securityDefinition(ExportExtensions.SIGV4_SCHEME, sigv4);
    }
    Authorizer a = m.authorizerId() == null ? null : d.authorizers().get(m.authorizerId());
    if (a != null) {
      op.addSecurity(a.name(), m.authorizationScopes());
      ApiKeyAuthDefinition scheme = new ApiKeyAuthDefinition(ExportExtensions.authorizerHeader(a), In.HEADER);
      scheme.setVendorExtension(SecurityReader.AUTHTYPE, ExportExtensions.authType(a));
      if (ext.authorizers()) {
        scheme.setVendorExtension(SecurityReader.AUTHORIZER, ExportExtensions.authorizer(a));
      }
      doc.securityDefinition(a.name(), scheme);
    }
  }
}
