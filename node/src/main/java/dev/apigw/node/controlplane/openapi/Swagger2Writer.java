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
    doc.host(source.host());
    doc.basePath("/" + source.stageName());
    doc.scheme(Scheme.HTTPS);
    for (Resource r : d.resourcesByPath()) {
      if (r.methods().isEmpty()) {
        continue;
      }
      Path path = new Path();
      for (String httpMethod : ExportExtensions.methodOrder(r.methods())) {
        Operation op = operation(d, r.methods().get(httpMethod), ext, doc);
        document(op, source.docs(), r.path(), httpMethod);
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

  /** Copies the published documentation into the operation, its parameters and responses, as AWS's export does. */
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
      op.getParameters().forEach(param -> docs.parameter(param.getIn(), path, httpMethod, param.getName())
          .map(ExportDocumentation.Props::description).ifPresent(param::setDescription));
    }
    if (op.getResponses() != null) {
      op.getResponses().forEach((status, response) -> docs.response(path, httpMethod, status)
          .map(ExportDocumentation.Props::description).ifPresent(response::setDescription));
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
