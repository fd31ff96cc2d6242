package dev.apigw.protocol.restapi;

import dev.apigw.protocol.CborSerializable;

/**
 * A data model: a JSON Schema (draft 4) for request and response bodies.
 *
 * @param id 10 lowercase alphanumerics
 * @param name unique per API, alphanumeric
 * @param description optional
 * @param schema the JSON Schema document as text
 * @param contentType e.g. {@code application/json}
 */
public record Model(String id, String name, String description, String schema, String contentType)
    implements CborSerializable {}
