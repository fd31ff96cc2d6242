package dev.apigw.node.dataplane.integration.aws;

import java.net.URI;
import java.util.Map;

/**
 * The base URI of each service: the configured one ({@code GATEWAY_AWS_ENDPOINT_<SERVICE>}) or AWS's regional endpoint
 * {@code https://{service}.{region}.amazonaws.com}, and the name requests to it are signed for.
 */
public final class ServiceEndpoints {
  private static final Map<String, String> SIGNING_NAMES = Map.of("email", "ses", "sync-states", "states");

  private final Map<String, URI> configured;

  public ServiceEndpoints(AwsSettings settings) {
    this.configured = settings.endpoints();
  }

  /** Whether {@code service} has a configured endpoint (else requests go to AWS itself). */
  public boolean configured(String service) {
    return configured.containsKey(service);
  }

  /** The configured endpoints, by service. */
  public Map<String, URI> all() {
    return configured;
  }

  /**
   * The base URI for {@code service} in {@code region}, with {@code subdomain} as AWS's host prefix when requests go
   * to AWS (a configured endpoint is used as it is; see {@link AwsServiceClient} for S3 buckets).
   */
  public URI endpoint(String service, String region, String subdomain) {
    URI uri = configured.get(service);
    if (uri == null && service.equals("sync-states")) {
      uri = configured.get("states");
    }
    if (uri != null) {
      return uri;
    }
    String domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
    return URI.create("https://" + (subdomain == null ? "" : subdomain + ".") + service + "." + region + "." + domain);
  }

  /** The SigV4 signing name of {@code service}: its endpoint name but for a few. */
  public static String signingName(String service) {
    return SIGNING_NAMES.getOrDefault(service, service);
  }
}
