package dev.apigw.node.dataplane.pipeline;

import dev.apigw.node.dataplane.snapshot.KeySnapshot;

/** The API key check ({@code ApiKeyCheck::admit}): the key and plan admitting a request, else a 403 GatewayError. */
@FunctionalInterface
public interface KeyAdmission {
  KeySnapshot.Admitted admit(String value, String apiId, String stage);
}
