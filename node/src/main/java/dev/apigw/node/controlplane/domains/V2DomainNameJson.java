package dev.apigw.node.controlplane.domains;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.controlplane.common.Paging;
import dev.apigw.node.http.Json;
import dev.apigw.protocol.domains.BasePathMapping;
import dev.apigw.protocol.domains.DomainName;

/** Renders domain names and API mappings in apigatewayv2's wire shape. */
final class V2DomainNameJson {
  private V2DomainNameJson() {}

  static ObjectNode render(DomainName d, String region) {
    ObjectNode out = Json.object();
    out.put("apiMappingSelectionExpression", "$request.basepath");
    out.put("domainName", d.domainName());
    out.put("domainNameArn", "arn:aws:apigateway:" + region + "::/domainnames/" + d.domainName());
    boolean edge = d.endpointType().equals("EDGE");
    ObjectNode config = out.putArray("domainNameConfigurations").addObject();
    config.put("apiGatewayDomainName", edge ? d.distributionDomainName() : d.regionalDomainName());
    putIfPresent(config, "certificateArn", edge ? d.certificateArn() : d.regionalCertificateArn());
    putIfPresent(config, "certificateName", edge ? d.certificateName() : d.regionalCertificateName());
    config.put("certificateUploadDate", d.createdDate().toString());
    config.put("domainNameStatus", "AVAILABLE");
    config.put("endpointType", d.endpointType());
    if (edge) {
      config.put("hostedZoneId", DomainNameJson.CLOUDFRONT_ZONE);
    }
    config.put("securityPolicy", d.securityPolicy());
    var mtls = d.mutualTlsAuthentication();
    if (mtls != null && mtls.truststoreUri() != null) {
      var node = out.putObject("mutualTlsAuthentication");
      node.put("truststoreUri", mtls.truststoreUri());
      putIfPresent(node, "truststoreVersion", mtls.truststoreVersion());
    }
    var tags = out.putObject("tags");
    d.tags().forEach(tags::put);
    return out;
  }

  static ObjectNode renderPage(Paging.Page<DomainName> page, String region) {
    ObjectNode out = Json.object();
    var items = out.putArray("items");
    page.items().forEach(d -> items.add(render(d, region)));
    putIfPresent(out, "nextToken", page.position());
    return out;
  }

  static ObjectNode render(BasePathMapping m) {
    ObjectNode out = Json.object();
    out.put("apiId", m.restApiId());
    out.put("apiMappingId", m.id());
    out.put("apiMappingKey", m.apiMappingKey());
    putIfPresent(out, "stage", m.stage());
    return out;
  }

  static ObjectNode renderMappings(Paging.Page<BasePathMapping> page) {
    ObjectNode out = Json.object();
    var items = out.putArray("items");
    page.items().forEach(m -> items.add(render(m)));
    putIfPresent(out, "nextToken", page.position());
    return out;
  }

  private static void putIfPresent(ObjectNode out, String field, String value) {
    if (value != null) {
      out.put(field, value);
    }
  }
}
