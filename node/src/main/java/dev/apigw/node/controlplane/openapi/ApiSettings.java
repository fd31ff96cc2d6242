package dev.apigw.node.controlplane.openapi;

import java.util.List;

/**
 * The API-level settings an OpenAPI document declares; null where the document says nothing.
 *
 * @param name from {@code info.title}
 * @param description from {@code info.description}
 * @param version from {@code info.version}
 * @param binaryMediaTypes {@code x-amazon-apigateway-binary-media-types}
 * @param apiKeySource {@code x-amazon-apigateway-api-key-source}
 * @param minimumCompressionSize {@code x-amazon-apigateway-minimum-compression-size}
 * @param policy {@code x-amazon-apigateway-policy}, as JSON text
 * @param disableExecuteApiEndpoint from {@code x-amazon-apigateway-endpoint-configuration}
 */
record ApiSettings(
    String name,
    String description,
    String version,
    List<String> binaryMediaTypes,
    String apiKeySource,
    Integer minimumCompressionSize,
    String policy,
    Boolean disableExecuteApiEndpoint) {}
