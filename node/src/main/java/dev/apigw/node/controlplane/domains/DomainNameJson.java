package dev.apigw.node.controlplane.domains;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.controlplane.common.Paging;
import dev.apigw.node.http.Json;
import dev.apigw.protocol.domains.BasePathMapping;
import dev.apigw.protocol.domains.DomainName;
import dev.apigw.protocol.domains.DomainNameAccessAssociation;
import java.util.Map;
import java.util.function.Function;

/** Renders domain names and base path mappings in AWS's wire shape. */
final class DomainNameJson {
  /** CloudFront's fixed hosted zone, which AWS reports for every edge domain name. */
  static final String CLOUDFRONT_ZONE = "Z2FDTNDATAQYW2";

  private DomainNameJson() {}

  static ObjectNode render(DomainName d, String region, String account) {
    ObjectNode out = Json.object();
    out.put("domainName", d.domainName());
    putIfPresent(out, "domainNameId", d.domainNameId());
    out.put("domainNameArn", DomainNameArns.domain(region, account, d));
    putIfPresent(out, "certificateName", d.certificateName());
    putIfPresent(out, "certificateArn", d.certificateArn());
    putIfPresent(out, "regionalCertificateName", d.regionalCertificateName());
    putIfPresent(out, "regionalCertificateArn", d.regionalCertificateArn());
    if (d.endpointType().equals("EDGE")) {
      out.put("certificateUploadDate", d.createdDate().getEpochSecond());
      out.put("distributionDomainName", d.distributionDomainName());
      out.put("distributionHostedZoneId", CLOUDFRONT_ZONE);
    } else if (d.isPrivate()) {
      out.put("certificateUploadDate", d.createdDate().getEpochSecond());
    } else {
      out.put("regionalDomainName", d.regionalDomainName());
    }
    out.putObject("endpointConfiguration").putArray("types").add(d.endpointType());
    putIfPresent(out, "policy", d.policy());
    out.put("domainNameStatus", "AVAILABLE");
    out.put("securityPolicy", d.securityPolicy());
    var mtls = d.mutualTlsAuthentication();
    if (mtls != null && mtls.truststoreUri() != null) {
      var node = out.putObject("mutualTlsAuthentication");
      node.put("truststoreUri", mtls.truststoreUri());
      putIfPresent(node, "truststoreVersion", mtls.truststoreVersion());
    }
    putTags(out, d.tags());
    return out;
  }

  static ObjectNode renderPage(Paging.Page<DomainName> page, String region, String account) {
    return page(page, d -> render(d, region, account));
  }

  static ObjectNode render(BasePathMapping m) {
    ObjectNode out = Json.object();
    out.put("basePath", m.basePath());
    out.put("restApiId", m.restApiId());
    putIfPresent(out, "stage", m.stage());
    return out;
  }

  static ObjectNode renderMappings(Paging.Page<BasePathMapping> page) {
    return page(page, DomainNameJson::render);
  }

  static ObjectNode render(DomainNameAccessAssociation a) {
    ObjectNode out = Json.object();
    out.put("domainNameAccessAssociationArn", a.domainNameAccessAssociationArn());
    out.put("domainNameArn", a.domainNameArn());
    out.put("accessAssociationSourceType", a.accessAssociationSourceType());
    out.put("accessAssociationSource", a.accessAssociationSource());
    putTags(out, a.tags());
    return out;
  }

  static ObjectNode renderAssociations(Paging.Page<DomainNameAccessAssociation> page) {
    return page(page, DomainNameJson::render);
  }

  /** A v1 list page: {@code {"item": [...], "position": ...}}. */
  private static <T> ObjectNode page(Paging.Page<T> page, Function<T, ObjectNode> render) {
    ObjectNode out = Json.object();
    var items = out.putArray("item");
    page.items().forEach(item -> items.add(render.apply(item)));
    putIfPresent(out, "position", page.position());
    return out;
  }

  private static void putTags(ObjectNode out, Map<String, String> tags) {
    if (!tags.isEmpty()) {
      var node = out.putObject("tags");
      tags.forEach(node::put);
    }
  }

  private static void putIfPresent(ObjectNode out, String field, String value) {
    if (value != null) {
      out.put(field, value);
    }
  }
}
