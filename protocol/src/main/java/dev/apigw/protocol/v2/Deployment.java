package dev.apigw.protocol.v2;

import dev.apigw.protocol.CborSerializable;
import java.time.Instant;

/**
 * An immutable snapshot of a WebSocket API's routes, integrations, their responses and authorizers,
 * taken when the deployment was created; later edits of the API never change it.
 *
 * @param deploymentId 7 lowercase alphanumerics
 * @param description optional
 * @param createdDate when it was taken
 * @param definition the frozen definition
 */
public record Deployment(String deploymentId, String description, Instant createdDate, Definition definition)
    implements CborSerializable {}
