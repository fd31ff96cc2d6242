package dev.apigw.protocol.domains;

import dev.apigw.protocol.CborSerializable;
import java.util.Map;

/**
 * A domain name access association: AWS's grant that lets an access association source (a VPC endpoint) invoke a
 * private custom domain name. It belongs to its private domain name.
 *
 * <p>Part of the journal's schema: add fields only with defaults, never rename one.
 *
 * @param domainNameAccessAssociationArn its ARN, {@code arn:aws:apigateway:<region>:<account>:/domainnameaccessassociations/domainname/<name>+<id>/vpcesource/<source>}
 * @param domainNameArn the private domain name's ARN
 * @param accessAssociationSourceType {@code VPCE}
 * @param accessAssociationSource the VPC endpoint's id
 * @param tags tags on the association
 */
public record DomainNameAccessAssociation(
    String domainNameAccessAssociationArn,
    String domainNameArn,
    String accessAssociationSourceType,
    String accessAssociationSource,
    Map<String, String> tags)
    implements CborSerializable {

  public DomainNameAccessAssociation {
    tags = tags == null ? Map.of() : Map.copyOf(tags);
  }
}
