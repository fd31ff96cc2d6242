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
import static java.nio.charset.StandardCharsets.UTF_8;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.apigw.node.sigv4.SigV4Crypto;
import dev.apigw.node.sigv4.SigV4Result.Accepted;
import dev.apigw.node.sigv4.SigV4Result.Rejected;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks AWS Signature Version 4 (header or presigned-query form) the way AWS's own JSON/REST
 * endpoints do, with their error types and messages.
 *
 * <p>Two kinds of client are supported deliberately: the AWS SDKs, which URI-encode the already
 * encoded path a second time for every service but S3, and older {@code curl --aws-sigv4} (7.88
 * included), which signs the path and query string exactly as sent. A request passes if any of
 * these readings matches. The body is always hashed here, never taken on trust from {@code
 * x-amz-content-sha256}.
 *
 * <p>Thread-safe: it keeps no mutable state.
 */
public final class SigV4Verifier {
  private static final int STATUS = 403;
  private static final String INCOMPLETE = "IncompleteSignatureException";
  private static final String INVALID = "InvalidSignatureException";

  private final Map<String, String> secretByAccessKeyId;
  private final String service;
  private final String region;
  private final Clock clock;
  private final Duration maxClockSkew;
  // A signing key is four HMACs and serves one access key for a whole day (region, service): derived once.
  private final Cache<KeyScope, byte[]> signingKeys = Caffeine.newBuilder().maximumSize(1024).build();

  private record KeyScope(String accessKeyId, String day, String region, String service) {}

  /**
   * @param secretByAccessKeyId the secret access key of every access key id allowed in
   * @param service the signing name clients must put in their credential scope, e.g. {@code
   *     apigateway}
   * @param region the region clients must put in their credential scope: the gateway's own, as an AWS endpoint
   *     accepts only its region
   * @param clock the time requests are checked against
   * @param maxClockSkew how far the request's date may be from {@code clock}; AWS uses 5 minutes
   */
  public SigV4Verifier(Map<String, String> secretByAccessKeyId, String service, String region, Clock clock,
      Duration maxClockSkew) {
    this.secretByAccessKeyId = Map.copyOf(secretByAccessKeyId);
    this.service = Objects.requireNonNull(service, "service");
    this.region = Objects.requireNonNull(region, "region");
    if (region.isBlank()) {
      throw new IllegalArgumentException("region: '' (expected: the gateway's region, e.g. us-east-1)");
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxClockSkew.isNegative() || maxClockSkew.isZero()) {
      throw new IllegalArgumentException("maxClockSkew must be positive: " + maxClockSkew);
    }
    this.maxClockSkew = maxClockSkew;
  }

  /** Verifies the request's signature; never throws for anything a client can send. */
  public SigV4Result verify(SignedRequest request) {
    try {
      return check(request);
    } catch (Rejection rejection) {
      return rejection.result;
    }
  }

  /** What the client claims, whether it came in the Authorization header or the query string. */
  private record Claim(
      String credential,
      List<String> signedHeaders,
      String signature,
      String date,
      Duration expires,
      boolean presigned) {}

  /** A decoded query parameter; a name without '=' has an empty value. */
  private record Param(String name, String value) {}

  private SigV4Result check(SignedRequest request) throws Rejection {
    Map<String, List<String>> headers = headersByLowercaseName(request.headers());
    List<Param> query = parseQuery(request.rawQuery());
    String authorization = first(headers.get("authorization"));
    String queryAlgorithm = param(query, "X-Amz-Algorithm");
    if (authorization == null && queryAlgorithm == null) {
      throw reject("MissingAuthenticationTokenException", "Missing Authentication Token");
    }
    if (authorization != null && queryAlgorithm != null) {
      throw reject(
          INVALID,
          "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
    }
    Claim claim =
        authorization != null
            ? fromHeader(authorization, headers)
            : fromQuery(queryAlgorithm, query);

    Instant date = parseDate(claim.date());
    String amzDate = BASIC_ISO.format(date);
    checkClockSkew(date, amzDate, claim.expires());
    if (!claim.signedHeaders().contains("host")) {
      throw reject(INVALID, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }

    // Trailing slashes are ignored, as AWS does.
    String[] scope = claim.credential().split("/");
    if (scope.length != 5) {
      throw reject(
          INCOMPLETE,
          "Credential must have exactly 5 slash-delimited elements, e.g."
              + " keyid/date/region/service/term, got '" + claim.credential() + "'");
    }
    String accessKeyId = scope[0];
    String region = scope[2];
    checkScope(scope, amzDate);

    String secret = secretByAccessKeyId.get(accessKeyId);
    if (secret == null) {
      throw reject("UnrecognizedClientException", "The security token included in the request is invalid.");
    }
    for (String name : claim.signedHeaders()) {
      if (!headers.containsKey(name)) {
        throw reject(
            INCOMPLETE,
            "'" + name + "' is named as a SignedHeader, but it does not exist in the HTTP request.");
      }
    }
    String canonicalTail =
        canonicalHeaders(claim.signedHeaders(), headers)
            + "\n"
            + String.join(";", claim.signedHeaders())
            + "\n"
            + payloadHash(request.body(), headers);
    byte[] signingKey = signingKeys.get(new KeyScope(accessKeyId, scope[1], region, scope[3]),
        s -> signingKey(secret, s.day(), s.region(), s.service()));
    byte[] provided = claim.signature().toLowerCase(Locale.ROOT).getBytes(UTF_8);
    boolean matches = false;
    for (String target : targets(request, query, claim.presigned())) {
      String canonicalRequest = request.method() + "\n" + target + "\n" + canonicalTail;
      String stringToSign = stringToSign(amzDate, scope[1], region, scope[3], canonicalRequest);
      byte[] expected = hex(hmac(signingKey, stringToSign)).getBytes(UTF_8);
      // Constant time, and every candidate is tried, so timing tells nothing about a near miss.
      matches |= MessageDigest.isEqual(expected, provided);
    }
    if (!matches) {
      throw reject(
          INVALID,
          "The request signature we calculated does not match the signature you provided. Check your"
              + " AWS Secret Access Key and signing method. Consult the service documentation for"
              + " details.");
    }
    return new Accepted(accessKeyId, region);
  }

  private static Claim fromHeader(String authorization, Map<String, List<String>> headers)
      throws Rejection {
    String value = authorization.trim();
    // AWS splits on commas and blanks alike, so "Credential= AKID/..." is a malformed pair.
    List<String> tokens = Arrays.stream(value.split("[,\\s]+")).filter(t -> !t.isEmpty()).toList();
    String algorithm = tokens.isEmpty() ? "" : tokens.get(0);
    Map<String, String> params = new HashMap<>();
    for (String token : tokens.subList(Math.min(1, tokens.size()), tokens.size())) {
      int eq = token.indexOf('=');
      if (eq < 0) {
        throw reject(
            INCOMPLETE,
            "'" + token + "' not a valid key=value pair (missing equal-sign) in Authorization header: '"
                + value + "'.");
      }
      params.put(token.substring(0, eq), token.substring(eq + 1));
    }
    String date = first(headers.get("x-amz-date"));
    if (date == null) {
      date = first(headers.get("date"));
    }
    List<String> missing = new ArrayList<>();
    for (String name : List.of("Credential", "Signature", "SignedHeaders")) {
      if (!params.containsKey(name)) {
        missing.add("Authorization header requires '" + name + "' parameter.");
      }
    }
    if (date == null) {
      missing.add("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }
    if (!missing.isEmpty()) {
      throw reject(INCOMPLETE, String.join(" ", missing) + " Authorization=" + algorithm);
    }
    if (!algorithm.equals(ALGORITHM)) {
      throw reject(
          INCOMPLETE,
          "Unsupported AWS 'algorithm': '" + algorithm + "' (only AWS4-HMAC-SHA256 for now). ");
    }
    return new Claim(
        params.get("Credential"),
        signedHeaderList(params.get("SignedHeaders")),
        params.get("Signature"),
        date,
        null,
        false);
  }

  private static Claim fromQuery(String algorithm, List<Param> query) throws Rejection {
    if (!algorithm.equals(ALGORITHM)) {
      throw reject("MissingAuthenticationTokenException", "Missing Authentication Token");
    }
    List<String> missing = new ArrayList<>();
    for (String name : List.of("X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Date")) {
      if (param(query, name) == null) {
        missing.add("AWS query-string parameters must include '" + name + "'.");
      }
    }
    if (!missing.isEmpty()) {
      throw reject(INCOMPLETE, String.join(" ", missing) + " Re-examine the query-string parameters.");
    }
    String expires = param(query, "X-Amz-Expires");
    Duration lifetime = null;
    if (expires != null) {
      try {
        lifetime = Duration.ofSeconds(Long.parseLong(expires));
      } catch (NumberFormatException e) {
        lifetime = Duration.ZERO;
      }
      if (lifetime.isNegative() || lifetime.isZero()) {
        throw reject(INCOMPLETE, "X-Amz-Expires must be a positive number of seconds, got '" + expires + "'.");
      }
    }
    return new Claim(
        param(query, "X-Amz-Credential"),
        signedHeaderList(param(query, "X-Amz-SignedHeaders")),
        param(query, "X-Amz-Signature"),
        param(query, "X-Amz-Date"),
        lifetime,
        true);
  }

  /**
   * The hash of the body as received. A client's x-amz-content-sha256 is cross-checked, never used
   * in its place, so the signature always covers the body: a request signed as UNSIGNED-PAYLOAD
   * fails (the SDKs hash the body for every service but S3 anyway).
   */
  private static String payloadHash(byte[] body, Map<String, List<String>> headers) throws Rejection {
    String hash = hex(sha256(body));
    String claimed = first(headers.get("x-amz-content-sha256"));
    if (claimed != null && !claimed.trim().equals("UNSIGNED-PAYLOAD") && !claimed.trim().equalsIgnoreCase(hash)) {
      throw reject(INVALID, "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
    return hash;
  }

  private static List<String> signedHeaderList(String value) {
    return Arrays.stream(value.split(";"))
        .filter(name -> !name.isEmpty())
        .map(name -> name.toLowerCase(Locale.ROOT))
        .toList();
  }

  /** X-Amz-Date is ISO 8601 basic; the Date header is RFC 1123. */
  private static Instant parseDate(String value) throws Rejection {
    String text = value.trim();
    try {
      return BASIC_ISO.parse(text, Instant::from);
    } catch (DateTimeParseException notBasic) {
      try {
        return DateTimeFormatter.RFC_1123_DATE_TIME.parse(text, Instant::from);
      } catch (DateTimeParseException notRfc1123) {
        throw reject(
            INCOMPLETE,
            "Date must be in ISO-8601 'basic format'. Got '" + text + "'. See http://en.wikipedia.org/wiki/ISO_8601");
      }
    }
  }

  /**
   * AWS accepts a signature for maxClockSkew either side of its clock. A presigned URL may ask for a
   * shorter life with X-Amz-Expires; a longer one is capped, as AWS's non-S3 services do.
   */
  private void checkClockSkew(Instant date, String amzDate, Duration expires) throws Rejection {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Duration past = expires != null && expires.compareTo(maxClockSkew) < 0 ? expires : maxClockSkew;
    if (date.isBefore(now.minus(past))) {
      throw reject(
          INVALID,
          "Signature expired: " + amzDate + " is now earlier than " + BASIC_ISO.format(now.minus(past))
              + " (" + BASIC_ISO.format(now) + " - " + describe(past) + ")");
    }
    if (date.isAfter(now.plus(maxClockSkew))) {
      throw reject(
          INVALID,
          "Signature not yet current: " + amzDate + " is still later than "
              + BASIC_ISO.format(now.plus(maxClockSkew)) + " (" + BASIC_ISO.format(now) + " + "
              + describe(maxClockSkew) + ")");
    }
  }

  private static String describe(Duration duration) {
    return duration.toSecondsPart() == 0
        ? duration.toMinutes() + " min."
        : duration.toSeconds() + " sec.";
  }

  /**
   * AWS reports every wrong part of the scope in one message. A region other than this endpoint's is refused as an
   * AWS endpoint refuses it, so a signature made for one region cannot be replayed against another.
   */
  private void checkScope(String[] scope, String amzDate) throws Rejection {
    StringBuilder problems = new StringBuilder();
    if (!scope[2].equals(region)) {
      problems.append("Credential should be scoped to a valid region, not '").append(scope[2]).append("'. ");
    }
    if (!scope[3].equals(service)) {
      problems.append("Credential should be scoped to correct service: '").append(service).append("'. ");
    }
    if (!scope[4].equals(TERMINATOR)) {
      problems.append("Credential should be scoped with a valid terminator: 'aws4_request', not '")
          .append(scope[4]).append("'. ");
    }
    String day = amzDate.substring(0, 8);
    if (!scope[1].equals(day)) {
      problems.append("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '")
          .append(scope[1]).append("' != '").append(day).append("', from '").append(amzDate).append("'.");
    }
    if (!problems.isEmpty()) {
      throw reject(INVALID, problems.toString());
    }
  }

  /**
   * The "uri\nquery" lines a client may have signed. The SDKs (and curl 8) encode the already encoded
   * path once more, "/a%3Ab" as "/a%253Ab", and sort and re-encode the query; curl 7 signs both
   * exactly as sent. Each reading still covers every byte sent, so allowing both weakens nothing.
   */
  private static Set<String> targets(SignedRequest request, List<Param> query, boolean presigned) {
    String path = request.rawPath().isEmpty() ? "/" : request.rawPath();
    String canonicalQuery = canonicalQuery(query, presigned);
    Set<String> targets = new LinkedHashSet<>();
    for (String uri : List.of(uriEncode(path, true), path)) {
      targets.add(uri + "\n" + canonicalQuery);
      if (!presigned) {
        targets.add(uri + "\n" + request.rawQuery());
      }
    }
    return targets;
  }

  /** Names and values re-encoded from their decoded form, sorted by name and then value. */
  private static String canonicalQuery(List<Param> query, boolean presigned) {
    return query.stream()
        .filter(p -> !(presigned && p.name().equals("X-Amz-Signature")))
        .map(p -> new Param(uriEncode(p.name(), false), uriEncode(p.value(), false)))
        .sorted(Comparator.comparing(Param::name).thenComparing(Param::value))
        .map(p -> p.name() + "=" + p.value())
        .collect(Collectors.joining("&"));
  }

  /** Each line ends with '\n', so the canonical request gets the blank line AWS specifies. */
  private static String canonicalHeaders(List<String> signedHeaders, Map<String, List<String>> headers) {
    StringBuilder out = new StringBuilder();
    for (String name : signedHeaders) {
      out.append(name).append(':');
      out.append(
          headers.get(name).stream()
              .map(SigV4Crypto::canonicalHeaderValue)
              .collect(Collectors.joining(",")));
      out.append('\n');
    }
    return out.toString();
  }

  private static Map<String, List<String>> headersByLowercaseName(List<Map.Entry<String, String>> headers) {
    Map<String, List<String>> byName = new LinkedHashMap<>();
    for (Map.Entry<String, String> header : headers) {
      byName
          .computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(header.getValue() == null ? "" : header.getValue());
    }
    return byName;
  }

  private static List<Param> parseQuery(String rawQuery) {
    List<Param> params = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      params.add(
          eq < 0
              ? new Param(percentDecode(pair), "")
              : new Param(percentDecode(pair.substring(0, eq)), percentDecode(pair.substring(eq + 1))));
    }
    return params;
  }

  private static String param(List<Param> query, String name) {
    return query.stream().filter(p -> p.name().equals(name)).map(Param::value).findFirst().orElse(null);
  }

  private static String first(List<String> values) {
    return values == null ? null : values.get(0);
  }

  /** Only %XX escapes are decoded: '+' stays '+', as RFC 3986 (not HTML forms) says. */
  private static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    byte[] in = s.getBytes(UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '%' && i + 2 < in.length && isHex(in[i + 1]) && isHex(in[i + 2])) {
        out.write(Character.digit(in[i + 1], 16) << 4 | Character.digit(in[i + 2], 16));
        i += 2;
      } else {
        out.write(in[i]);
      }
    }
    return out.toString(UTF_8);
  }

  private static boolean isHex(byte b) {
    return Character.digit(b, 16) >= 0;
  }

  private static Rejection reject(String errorType, String message) {
    return new Rejection(new Rejected(STATUS, errorType, message));
  }

  /** Lets the checks read top to bottom; carries the answer, not a fault, so no stack trace. */
  private static final class Rejection extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Rejected result;

    Rejection(Rejected result) {
      super(result.message(), null, false, false);
      this.result = result;
    }
  }
}
