package dev.apigw.protocol.restapi;

import dev.apigw.protocol.CborSerializable;
import java.time.Instant;

/**
 * An immutable snapshot of an API's definition, taken when the deployment was created; later
 * edits of the API never change it.
 *
 * @param id 10 lowercase alphanumerics
 * @param description optional
 * @param createdDate when it was taken
 * @param definition the frozen definition
 */
public record Deployment(String id, String description, Instant createdDate, ApiDefinition definition)
    implements CborSerializable {}
