package dev.apigw.node.dataplane.integration.aws;

import java.net.URI;

/** A service endpoint that could not be reached (connection refused, DNS, TLS, reset). */
public final class AwsServiceUnreachableException extends RuntimeException {
  private final String service;
  private final URI endpoint;

  public AwsServiceUnreachableException(String service, URI endpoint, Throwable cause) {
    super(service + " at " + endpoint + " is unreachable: " + cause, cause, false, false);
    this.service = service;
    this.endpoint = endpoint;
  }

  /** The service, as named in the integration uri. */
  public String service() {
    return service;
  }

  /** Where it was looked for. */
  public URI endpoint() {
    return endpoint;
  }
}
