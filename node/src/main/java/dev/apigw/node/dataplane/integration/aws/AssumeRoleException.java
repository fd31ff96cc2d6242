package dev.apigw.node.dataplane.integration.aws;

/** STS refused or could not be asked to assume an integration's role: a configuration error of the API. */
public final class AssumeRoleException extends RuntimeException {
  public AssumeRoleException(String message) {
    super(message, null, false, false);
  }
}
