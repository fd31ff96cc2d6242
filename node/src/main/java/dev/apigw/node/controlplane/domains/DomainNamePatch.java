package dev.apigw.node.controlplane.domains;

import dev.apigw.node.controlplane.common.PatchOperation.Op;
import dev.apigw.node.controlplane.common.PatchOperation;
import dev.apigw.protocol.domains.BasePathMapping;
import dev.apigw.protocol.domains.DomainName;
import dev.apigw.protocol.domains.MutualTlsAuthentication;
import dev.apigw.protocol.errors.BadRequestException;
import java.util.List;

/** Applies {@code UpdateDomainName} and {@code UpdateBasePathMapping} patch operations. */
final class DomainNamePatch {
  static final List<String> DOMAIN_PATHS =
      List.of("/certificateName", "/certificateArn", "/regionalCertificateName", "/regionalCertificateArn", "/securityPolicy",
          "/mutualTlsAuthentication/truststoreUri", "/mutualTlsAuthentication/truststoreVersion", "/policy");
  static final List<String> MAPPING_PATHS = List.of("/basePath", "/restapiId", "/stage");

  private DomainNamePatch() {}

  static DomainName apply(DomainName domain, List<PatchOperation> ops) {
    DomainName out = domain;
    for (PatchOperation op : ops) {
      if (op.op() != Op.REPLACE) {
        throw op.unsupported(DOMAIN_PATHS);
      }
      out =
          switch (op.path()) {
            case "/certificateName" -> out.withCertificateName(op.value());
            case "/certificateArn" -> out.withCertificateArn(CreateDomainNameRequest.certificateArn(op.value()));
            case "/regionalCertificateName" -> out.withRegionalCertificateName(op.value());
            case "/regionalCertificateArn" -> out.withRegionalCertificateArn(CreateDomainNameRequest.certificateArn(op.value()));
            case "/securityPolicy" -> out.withSecurityPolicy(CreateDomainNameRequest.securityPolicy(op.requiredValue()));
            case "/mutualTlsAuthentication/truststoreUri" -> out.withMutualTlsAuthentication(
                op.value() == null || op.value().isEmpty() ? null
                    : mutualTls(out).withTruststoreUri(CreateDomainNameRequest.truststoreUri(op.value())));
            case "/mutualTlsAuthentication/truststoreVersion" ->
                out.withMutualTlsAuthentication(mutualTls(out).withTruststoreVersion(op.value()));
            case "/policy" -> {
              if (!out.isPrivate()) {
                throw new BadRequestException("A policy is only supported for PRIVATE domain names");
              }
              yield out.withPolicy(op.value());
            }
            default -> throw op.unsupported(DOMAIN_PATHS);
          };
    }
    return out;
  }

  private static MutualTlsAuthentication mutualTls(DomainName domain) {
    return domain.mutualTlsAuthentication() == null
        ? new MutualTlsAuthentication(null, null) : domain.mutualTlsAuthentication();
  }

  static BasePathMapping apply(BasePathMapping mapping, List<PatchOperation> ops) {
    BasePathMapping out = mapping;
    for (PatchOperation op : ops) {
      if (op.op() != Op.REPLACE) {
        throw op.unsupported(MAPPING_PATHS);
      }
      out =
          switch (op.path()) {
            case "/basePath" -> out.withBasePath(CreateBasePathMappingRequest.basePath(op.value()));
            // AWS spells this path "/restapiId"; the camel-case form is accepted as well.
            case "/restapiId", "/restApiId" -> out.withRestApiId(op.requiredValue());
            case "/stage" -> out.withStage(op.value());
            default -> throw op.unsupported(MAPPING_PATHS);
          };
    }
    return out;
  }
}
