package dev.apigw.node.sigv4;

import static dev.apigw.node.sigv4.SigV4Crypto.ALGORITHM;
import static dev.apigw.node.sigv4.SigV4Crypto.BASIC_ISO;
import static dev.apigw.node.sigv4.SigV4Crypto.TERMINATOR;
import static dev.apigw.node.sigv4.SigV4Crypto.hex;
import static dev.apigw.node.sigv4.SigV4Crypto.hmac;
import static dev.apigw.node.sigv4.SigV4Crypto.sha256;
import static dev.apigw.node.sigv4.SigV4Crypto.signingKey;
import static dev.apigw.node.sigv4.SigV4Crypto.stringToSign;
import static dev.apigw.node.sigv4.SigV4Crypto.uriEncode;

import dev.apigw.node.sigv4.SigV4Crypto;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Signs requests with AWS Signature Version 4 in the Authorization header, as the AWS SDKs do for
 * every service but S3: the path is URI-encoded once more for the canonical request, the body is
 * hashed and the hash sent in {@code x-amz-content-sha256}.
 *
 * <p>Thread-safe: it keeps no mutable state.
 */
public final class SigV4Signer {
  private final String accessKeyId;
  private final String secretAccessKey;
  private final String region;
  private final String service;
  private final Clock clock;

  /**
   * @param accessKeyId the key id named in the credential scope
   * @param secretAccessKey its secret
   * @param region the region of the credential scope
   * @param service the service's signing name, e.g. {@code lambda}
   * @param clock the time that goes into {@code x-amz-date}
   */
  public SigV4Signer(String accessKeyId, String secretAccessKey, String region, String service, Clock clock) {
    this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
    this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    this.region = Objects.requireNonNull(region, "region");
    this.service = Objects.requireNonNull(service, "service");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The headers to add to the request so that it is signed: {@code x-amz-date}, {@code
   * x-amz-content-sha256} and {@code Authorization}, in that order.
   *
   * @param method the HTTP method
   * @param rawPath the path exactly as it will be sent (already percent-encoded)
   * @param rawQuery the query as it will be sent, without {@code '?'}; its pairs must already be
   *     RFC 3986 encoded; empty when there is none
   * @param headers every header to sign, exactly as sent; must include {@code host}
   * @param body the exact body bytes
   */
  public List<Map.Entry<String, String>> sign(
      String method, String rawPath, String rawQuery, List<Map.Entry<String, String>> headers, byte[] body) {
    String amzDate = BASIC_ISO.format(clock.instant());
    String day = amzDate.substring(0, 8);
    String payloadHash = hex(sha256(body));

    TreeMap<String, List<String>> byName = new TreeMap<>();
    for (Map.Entry<String, String> header : headers) {
      byName.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(header.getValue());
    }
    if (!byName.containsKey("host")) {
      throw new IllegalArgumentException("headers to sign: no 'host' (expected: the Host header as it will be sent)");
    }
    byName.put("x-amz-date", List.of(amzDate));
    byName.put("x-amz-content-sha256", List.of(payloadHash));

    StringBuilder canonicalHeaders = new StringBuilder();
    byName.forEach(
        (name, values) ->
            canonicalHeaders.append(name).append(':')
                .append(values.stream().map(SigV4Crypto::canonicalHeaderValue).collect(Collectors.joining(",")))
                .append('\n'));
    String signedHeaders = String.join(";", byName.keySet());
    String path = rawPath.isEmpty() ? "/" : rawPath;
    String canonicalRequest = method + "\n" + uriEncode(path, true) + "\n" + canonicalQuery(rawQuery) + "\n"
        + canonicalHeaders + "\n" + signedHeaders + "\n" + payloadHash;

    String signature = hex(hmac(
        signingKey(secretAccessKey, day, region, service),
        stringToSign(amzDate, day, region, service, canonicalRequest)));
    String authorization = ALGORITHM + " Credential=" + accessKeyId + "/" + day + "/" + region + "/" + service + "/"
        + TERMINATOR + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature;
    return List.of(
        Map.entry("x-amz-date", amzDate),
        Map.entry("x-amz-content-sha256", payloadHash),
        Map.entry("Authorization", authorization));
  }

  /** Pairs sorted by name, then value; a name without '=' gets an empty value. */
  private static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    return Arrays.stream(rawQuery.split("&"))
        .filter(pair -> !pair.isEmpty())
        .map(pair -> pair.indexOf('=') < 0 ? pair + "=" : pair)
        .sorted((a, b) -> {
          int byName = a.substring(0, a.indexOf('=')).compareTo(b.substring(0, b.indexOf('=')));
          return byName != 0 ? byName : a.compareTo(b);
        })
        .collect(Collectors.joining("&"));
  }
}
