package dev.apigw.protocol.v2;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.apigw.protocol.CborSerializable;
import java.time.Instant;

/**
 * An immutable snapshot of an API's routes, integrations, their responses and authorizers, taken when the deployment
 * was created; later edits of the API never change it.
 *
 * @param deploymentId 7 lowercase alphanumerics
 * @param description optional
 * @param createdDate when it was taken
 * @param definition the frozen definition
 * @param autoDeployed whether a change of the API took it for its auto-deploy stages (HTTP APIs), or null
 */
public record Deployment(
    String deploymentId, String description, Instant createdDate, Definition definition, Boolean autoDeployed)
    implements CborSerializable {
  @JsonCreator
  public Deployment {}

  /** A deployment someone asked for (CreateDeployment). */
  public Deployment(String deploymentId, String description, Instant createdDate, Definition definition) {
    this(deploymentId, description, createdDate, definition, null);
  }
}
