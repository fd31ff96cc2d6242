package dev.apigw.node.controlplane.domains;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.controlplane.common.JsonFields;
import dev.apigw.protocol.domains.BasePathMapping;
import dev.apigw.protocol.domains.DomainName;
import dev.apigw.protocol.domains.MutualTlsAuthentication;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.tags.TagRules;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * apigatewayv2's domain name and API mapping request bodies, read into the shared domain model: a domain's one
 * {@code domainNameConfigurations} entry holds its endpoint type, certificate and security policy; an API mapping's
 * {@code apiMappingKey} is a base path ("" for {@code (none)}; several segments allowed).
 */
final class V2DomainNameRequests {
  private V2DomainNameRequests() {}

  /** CreateDomainName's body as the apigateway request it amounts to (same checks, same 400s). */
  static CreateDomainNameRequest createDomainName(JsonNode body) {
    String name = CreateDomainNameRequest.normalize(JsonFields.string(body, "domainName"));
    JsonNode config = configuration(body);
    String type = endpointType(config == null ? null : JsonFields.string(config, "endpointType"));
    String arn = config == null ? null : CreateDomainNameRequest.certificateArn(JsonFields.string(config, "certificateArn"));
    if (arn == null) {
      throw new BadRequestException("domainNameConfigurations[0].certificateArn is required");
    }
    String certificateName = JsonFields.string(config, "certificateName");
    String policy = JsonFields.string(config, "securityPolicy");
    boolean regional = type.equals("REGIONAL");
    return new CreateDomainNameRequest(name, type,
        regional ? null : certificateName, regional ? null : arn,
        regional ? certificateName : null, regional ? arn : null,
        CreateDomainNameRequest.securityPolicy(policy == null ? "TLS_1_2" : policy),
        TagRules.check(JsonFields.stringMap(body, "tags")),
        mutualTls(body.get("mutualTlsAuthentication")));
  }

  /** UpdateDomainName's body as a change of the domain: the certificate, security policy and mutual TLS. */
  static UnaryOperator<DomainName> updateDomainName(JsonNode body) {
    JsonNode config = configuration(body);
    String arn = config == null ? null : CreateDomainNameRequest.certificateArn(JsonFields.string(config, "certificateArn"));
    String certificateName = config == null ? null : JsonFields.string(config, "certificateName");
    String policy = config == null ? null : JsonFields.string(config, "securityPolicy");
    if (policy != null) {
      CreateDomainNameRequest.securityPolicy(policy);
    }
    String type = config == null ? null : JsonFields.string(config, "endpointType");
    JsonNode mtls = body.get("mutualTlsAuthentication");
    MutualTlsAuthentication truststore = mutualTls(mtls);
    return domain -> {
      if (type != null && !type.equals(domain.endpointType())) {
        throw new BadRequestException("The endpoint type of a domain name cannot be changed (it is "
            + domain.endpointType() + ")");
      }
      boolean regional = "REGIONAL".equals(domain.endpointType());
      DomainName out = domain;
      if (arn != null) {
        out = regional ? out.withRegionalCertificateArn(arn) : out.withCertificateArn(arn);
      }
      if (certificateName != null) {
        out = regional ? out.withRegionalCertificateName(certificateName) : out.withCertificateName(certificateName);
      }
      if (policy != null) {
        out = out.withSecurityPolicy(policy);
      }
      if (mtls != null && !mtls.isNull()) {
        out = out.withMutualTlsAuthentication(truststore);
      }
      return out;
    };
  }

  /** CreateApiMapping's body: {@code apiId} and {@code stage} required, {@code apiMappingKey} optional. */
  static BasePathMapping createApiMapping(JsonNode body) {
    String apiId = required(body, "apiId");
    String stage = required(body, "stage");
    return new BasePathMapping(CreateBasePathMappingRequest.basePath(JsonFields.string(body, "apiMappingKey")), apiId,
        stage);
  }

  /** UpdateApiMapping's body as a change of the mapping: {@code apiId} required, key and stage optional. */
  static UnaryOperator<BasePathMapping> updateApiMapping(JsonNode body) {
    String apiId = required(body, "apiId");
    String key = JsonFields.string(body, "apiMappingKey");
    String basePath = key == null ? null : CreateBasePathMappingRequest.basePath(key);
    String stage = JsonFields.string(body, "stage");
    return m -> {
      BasePathMapping out = m.withRestApiId(apiId);
      if (basePath != null) {
        out = out.withBasePath(basePath);
      }
      return stage == null ? out : out.withStage(stage);
    };
  }

  private static JsonNode configuration(JsonNode body) {
    JsonNode configs = body.get("domainNameConfigurations");
    if (configs == null || configs.isNull()) {
      return null;
    }
    if (!configs.isArray() || configs.size() > 1 || (configs.size() == 1 && !configs.get(0).isObject())) {
      throw new BadRequestException("domainNameConfigurations: expected a list of at most one object");
    }
    return configs.isEmpty() ? null : configs.get(0);
  }

  private static String endpointType(String raw) {
    if (raw == null) {
      return "REGIONAL";
    }
    if (!List.of("REGIONAL", "EDGE").contains(raw)) {
      throw new BadRequestException("Invalid endpointType: " + raw + " (expected: REGIONAL or EDGE)");
    }
    return raw;
  }

  private static MutualTlsAuthentication mutualTls(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new BadRequestException("mutualTlsAuthentication: expected an object");
    }
    String uri = JsonFields.string(node, "truststoreUri");
    if (uri == null || uri.isEmpty()) {
      return null;
    }
    return new MutualTlsAuthentication(CreateDomainNameRequest.truststoreUri(uri), JsonFields.string(node, "truststoreVersion"));
  }

  private static String required(JsonNode body, String field) {
    String value = JsonFields.string(body, field);
    if (value == null || value.isEmpty()) {
      throw new BadRequestException(field + " is required");
    }
    return value;
  }
}
