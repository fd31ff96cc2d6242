package dev.apigw.protocol.v2;

import dev.apigw.protocol.CborSerializable;
import java.util.List;

/**
 * A JWT authorizer's token checks: the {@code iss} a token must have exactly, and the audiences one of whose values its
 * {@code aud} (or {@code client_id}) must be.
 *
 * @param audience accepted audiences
 * @param issuer the issuer URL; its {@code /.well-known/openid-configuration} names the JWKS
 */
public record JwtConfiguration(List<String> audience, String issuer) implements CborSerializable {
  public JwtConfiguration {
    audience = audience == null ? List.of() : List.copyOf(audience);
  }
}
