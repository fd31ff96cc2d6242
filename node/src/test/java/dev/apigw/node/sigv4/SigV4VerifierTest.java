package dev.apigw.node.sigv4;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.apigw.node.sigv4.SigV4Result.Accepted;
import dev.apigw.node.sigv4.SigV4Result.Rejected;
import dev.apigw.node.sigv4.SigV4Result;
import dev.apigw.node.sigv4.SigV4Verifier;
import dev.apigw.node.sigv4.SignedRequest;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

class SigV4VerifierTest {
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
  private static final String AKID = "AKIDAPIGWEXAMPLE";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final String SIGNATURE_MISMATCH =
      "The request signature we calculated does not match the signature you provided. Check your AWS"
          + " Secret Access Key and signing method. Consult the service documentation for details.";

  private final SigV4Verifier verifier = verifierAt(NOW);

  // --- AWS's documented example ---------------------------------------------------------------

  @Test
  void awsDocumentedIamListUsersExampleVerifies() {
    // The GET example from the SigV4 docs ("Create a signed AWS API request").
    var iam =
        new SigV4Verifier(
            Map.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            "iam",
            "us-east-1",
            Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC),
            Duration.ofMinutes(15));
    var request =
        request(
            "GET", "/", "Action=ListUsers&Version=2010-05-08", "",
            "Host", "iam.amazonaws.com",
            "Content-Type", "application/x-www-form-urlencoded; charset=utf-8",
            "X-Amz-Date", "20150830T123600Z",
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request,"
                + " SignedHeaders=content-type;host;x-amz-date,"
                + " Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");

    assertThat(iam.verify(request)).isEqualTo(new Accepted("AKIDEXAMPLE", "us-east-1"));
  }

  // --- requests signed by the AWS SDK v2 signer -----------------------------------------------

  @Test
  void sdkSignedPostWithJsonBodyIsAccepted() {
    assertThat(verifier.verify(createRestApi())).isEqualTo(new Accepted(AKID, "us-east-1"));
  }

  @Test
  void sdkSignedGetWithQueryNeedingEncodingIsAccepted() {
    var request =
        sdkSigned(
            get("/restapis/a1b2c3/resources")
                .putRawQueryParameter("position", "a b/c")
                .putRawQueryParameter("limit", "5")
                .putRawQueryParameter("name", "ünï~*+&=")
                .build(),
            null, SECRET, NOW);

    assertThat(request.rawQuery()).contains("position=a%20b%2Fc");
    assertThat(verifier.verify(request)).isEqualTo(new Accepted(AKID, "us-east-1"));
  }

  @Test
  void sdkSignedPathWithEncodedCharactersIsAccepted() {
    // The SDK signs "/restapis/abc%253Ad/..." for this path: it encodes the encoded path again.
    var request = sdkSigned(get("/restapis/abc%3Ad/resources/x%20y").build(), null, SECRET, NOW);

    assertThat(verifier.verify(request)).isEqualTo(new Accepted(AKID, "us-east-1"));
  }

  @Test
  void emptyPathIsSignedAsSlash() {
    var request = sdkSigned(get("/").build(), null, SECRET, NOW);

    assertThat(verifier.verify(withPath(request, ""))).isInstanceOf(Accepted.class);
  }

  @Test
  void realApiGatewayClientRequestsAreAccepted() throws Exception {
    // End to end: whatever the SDK's marshallers and HTTP client really put on the wire.
    List<SignedRequest> received = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      List<Map.Entry<String, String>> headers = new ArrayList<>();
      exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> headers.add(Map.entry(name, v))));
      URI uri = exchange.getRequestURI();
      received.add(new SignedRequest(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers,
          exchange.getRequestBody().readAllBytes()));
      byte[] body = "{}".getBytes(UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try (ApiGatewayClient client =
        ApiGatewayClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
            .region(Region.EU_WEST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(AKID, SECRET)))
            .httpClient(ApacheHttpClient.create())
            .build()) {
      client.createRestApi(r -> r.name("pets").description("a pet store"));
      client.getResources(r -> r.restApiId("abc:d e").position("a b/c").limit(5));
      client.deleteRestApi(r -> r.restApiId("abc123"));
    } finally {
      server.stop(0);
    }

    var live = new SigV4Verifier(Map.of(AKID, SECRET), "apigateway", "eu-west-1", Clock.systemUTC(), Duration.ofMinutes(15));
    assertThat(received).hasSize(3);
    assertThat(received.get(1).rawPath()).isEqualTo("/restapis/abc%3Ad%20e/resources");
    assertThat(received).allSatisfy(r -> assertThat(live.verify(r)).isEqualTo(new Accepted(AKID, "eu-west-1")));
  }

  @Test
  void tamperingWithBodyPathSignedHeaderOrSecretIsInvalidSignature() {
    var original = createRestApi();
    assertThat(verifier.verify(original)).isInstanceOf(Accepted.class);

    // A tamperer who also fixes up x-amz-content-sha256 still breaks the signature over it.
    byte[] evil = "{\"name\":\"evil\"}".getBytes(UTF_8);
    var body = withHeader(original, "x-amz-content-sha256", hex(sha256(evil)));
    body = new SignedRequest(body.method(), body.rawPath(), body.rawQuery(), body.headers(), evil);
    assertRejected(verifier.verify(body), "InvalidSignatureException", SIGNATURE_MISMATCH);
    assertRejected(verifier.verify(withPath(original, "/restapis/other")), "InvalidSignatureException",
        SIGNATURE_MISMATCH);
    assertRejected(verifier.verify(withHeader(original, "Content-Type", "text/plain")), "InvalidSignatureException",
        SIGNATURE_MISMATCH);
    assertRejected(verifier.verify(sdkSigned(createRestApiHttp(), "{\"name\":\"pets\"}", "not-the-secret", NOW)),
        "InvalidSignatureException", SIGNATURE_MISMATCH);
  }

  @Test
  void tamperingWithQueryIsInvalidSignature() {
    var request = sdkSigned(get("/restapis").putRawQueryParameter("limit", "5").build(), null, SECRET, NOW);

    assertRejected(verifier.verify(withQuery(request, "limit=500")), "InvalidSignatureException", SIGNATURE_MISMATCH);
  }

  @Test
  void bodyNotMatchingXAmzContentSha256IsRejected() {
    var original = createRestApi();
    var request = new SignedRequest(original.method(), original.rawPath(), original.rawQuery(), original.headers(),
        "{\"name\":\"evil\"}".getBytes(UTF_8));

    assertRejected(verifier.verify(request), "InvalidSignatureException",
        "The provided 'x-amz-content-sha256' header does not match what was computed.");
  }

  @Test
  void unknownAccessKeyIsUnrecognizedClient() {
    var request = sdkSigned(get("/restapis").build(), null, SECRET, NOW, "AKIDUNKNOWN");

    assertRejected(verifier.verify(request), "UnrecognizedClientException",
        "The security token included in the request is invalid.");
  }

  @Test
  void requestWithoutAuthenticationIsMissingAuthenticationToken() {
    var request = request("GET", "/restapis", "", "", "Host", "localhost");

    assertRejected(verifier.verify(request), "MissingAuthenticationTokenException", "Missing Authentication Token");
  }

  @Test
  void signatureOlderThanTheSkewHasExpired() {
    var request = sdkSigned(get("/restapis").build(), null, SECRET, NOW.minus(Duration.ofMinutes(30)));

    assertRejected(verifier.verify(request), "InvalidSignatureException",
        "Signature expired: 20261121T113000Z is now earlier than 20261121T114500Z (20261121T120000Z - 15 min.)");
  }

  @Test
  void signatureFromTheFutureIsNotYetCurrent() {
    var request = sdkSigned(get("/restapis").build(), null, SECRET, NOW.plus(Duration.ofMinutes(16)));

    assertRejected(verifier.verify(request), "InvalidSignatureException",
        "Signature not yet current: 20261121T121600Z is still later than 20261121T121500Z"
            + " (20261121T120000Z + 15 min.)");
  }

  @Test
  void signatureWithinTheSkewIsAccepted() {
    var request = sdkSigned(get("/restapis").build(), null, SECRET, NOW.minus(Duration.ofMinutes(14)));

    assertThat(verifier.verify(request)).isInstanceOf(Accepted.class);
  }

  // --- presigned (query-string) authentication ------------------------------------------------

  @Test
  void sdkPresignedRequestIsAccepted() {
    var request = sdkPresigned(get("/restapis/abc%3Ad").putRawQueryParameter("limit", "5").build(), NOW,
        Duration.ofMinutes(5));

    assertThat(request.rawQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=300");
    assertThat(verifier.verify(request)).isEqualTo(new Accepted(AKID, "us-east-1"));
    assertRejected(verifier.verify(withQuery(request, request.rawQuery().replace("limit=5", "limit=6"))),
        "InvalidSignatureException", SIGNATURE_MISMATCH);
  }

  @Test
  void presignedRequestExpiresAfterXAmzExpires() {
    var request = sdkPresigned(get("/restapis").build(), NOW.minus(Duration.ofMinutes(6)), Duration.ofMinutes(5));

    assertRejected(verifier.verify(request), "InvalidSignatureException",
        "Signature expired: 20261121T115400Z is now earlier than 20261121T115500Z (20261121T120000Z - 5 min.)");
  }

  @Test
  void presignedRequestMissingParametersIsIncomplete() {
    var request = request("GET", "/restapis", "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20261121T120000Z", "",
        "Host", "localhost");

    assertRejected(verifier.verify(request), "IncompleteSignatureException",
        "AWS query-string parameters must include 'X-Amz-Credential'. AWS query-string parameters must include"
            + " 'X-Amz-Signature'. AWS query-string parameters must include 'X-Amz-SignedHeaders'."
            + " Re-examine the query-string parameters.");
  }

  // --- curl --aws-sigv4 -----------------------------------------------------------------------

  // Captured from curl 7.88.1: curl --aws-sigv4 "aws:amz:us-east-1:apigateway" --user test:test
  // [-H 'Content-Type: application/json' -d '{"name":"my api"}'] http://127.0.0.1:18999/...
  // It signs host;x-amz-date (plus content-type when given) and hashes the body, and signs path
  // and query exactly as sent: neither double-encoded nor sorted.
  private final SigV4Verifier curlVerifier =
      new SigV4Verifier(Map.of("test", "test"), "apigateway", "us-east-1",
          Clock.fixed(Instant.parse("2026-11-21T12:02:05Z"), ZoneOffset.UTC), Duration.ofMinutes(15));

  @Test
  void curlGetIsAccepted() {
    var request = request("GET", "/restapis", "", "",
        "Host", "127.0.0.1:18999",
        "Authorization", "AWS4-HMAC-SHA256 Credential=test/20261121/us-east-1/apigateway/aws4_request,"
            + " SignedHeaders=host;x-amz-date,"
            + " Signature=c9e40aa95dded4e4c83dd1c3402746b5d5ec76cfca34359c71629641b13221e5",
        "X-Amz-Date", "20261121T120202Z",
        "User-Agent", "curl/7.88.1",
        "Accept", "*/*");

    assertThat(curlVerifier.verify(request)).isEqualTo(new Accepted("test", "us-east-1"));
  }

  @Test
  void curlPostWithJsonBodyIsAccepted() {
    var request = request("POST", "/restapis", "", "{\"name\":\"my api\"}",
        "Host", "127.0.0.1:18999",
        "Authorization", "AWS4-HMAC-SHA256 Credential=test/20261121/us-east-1/apigateway/aws4_request,"
            + " SignedHeaders=content-type;host;x-amz-date,"
            + " Signature=35b6c6a80e5ded51284fd710606093485bbc78641a7b6adfceb6ea5fcdd36c86",
        "X-Amz-Date", "20261121T120203Z",
        "User-Agent", "curl/7.88.1",
        "Accept", "*/*",
        "Content-Type", "application/json",
        "Content-Length", "17");

    assertThat(curlVerifier.verify(request)).isEqualTo(new Accepted("test", "us-east-1"));
    assertRejected(curlVerifier.verify(withBody(request, "{\"name\":\"my apx\"}")), "InvalidSignatureException",
        SIGNATURE_MISMATCH);
  }

  @Test
  void curlGetWithEncodedPathAndUnsortedQueryIsAccepted() {
    var request = request("GET", "/restapis/abc%3Ad/resources", "position=a%20b%2Fc&limit=5", "",
        "Host", "127.0.0.1:18999",
        "Authorization", "AWS4-HMAC-SHA256 Credential=test/20261121/us-east-1/apigateway/aws4_request,"
            + " SignedHeaders=host;x-amz-date,"
            + " Signature=994f630515c4c23a94c211cc8185d1852a1bf2263057db6c40aee8efa1a1a3ea",
        "X-Amz-Date", "20261121T120204Z",
        "User-Agent", "curl/7.88.1",
        "Accept", "*/*");

    assertThat(curlVerifier.verify(request)).isEqualTo(new Accepted("test", "us-east-1"));
    assertRejected(curlVerifier.verify(withQuery(request, "position=a%20b%2Fc&limit=6")), "InvalidSignatureException",
        SIGNATURE_MISMATCH);
  }

  // --- Date header and header canonicalisation ------------------------------------------------

  @Test
  void dateHeaderStandsInForXAmzDateAndRepeatedHeadersAreJoined() {
    // Signed by hand from AWS's rules, since the SDKs always send X-Amz-Date.
    String canonical = String.join("\n",
        "GET", "/restapis", "",
        "date:Sat, 21 Nov 2026 12:00:00 GMT",
        "host:localhost",
        "x-custom:a b,c",
        "",
        "date;host;x-custom",
        hex(sha256(new byte[0])));
    String signature = sign(canonical, "20261121T120000Z", "20261121/us-east-1/apigateway/aws4_request");
    var request = request("GET", "/restapis", "", "",
        "Host", "localhost",
        "Date", "Sat, 21 Nov 2026 12:00:00 GMT",
        "X-Custom", "  a    b ",
        "x-custom", "c",
        "Authorization", "AWS4-HMAC-SHA256 Credential=" + AKID + "/20261121/us-east-1/apigateway/aws4_request,"
            + " SignedHeaders=date;host;x-custom, Signature=" + signature);

    assertThat(verifier.verify(request)).isEqualTo(new Accepted(AKID, "us-east-1"));
  }

  // --- malformed authorization ----------------------------------------------------------------

  @Test
  void authorizationMissingPartsIsIncomplete() {
    var request = request("GET", "/restapis", "", "",
        "Host", "localhost", "X-Amz-Date", "20261121T120000Z",
        "Authorization", "AWS4-HMAC-SHA256 Credential=" + AKID + "/20261121/us-east-1/apigateway/aws4_request");

    assertRejected(verifier.verify(request), "IncompleteSignatureException",
        "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders'"
            + " parameter. Authorization=AWS4-HMAC-SHA256");
  }

  @Test
  void bearerTokenIsIncomplete() {
    var request = request("GET", "/restapis", "", "", "Host", "localhost", "Authorization", "eyJhbGciOiJIUzI1NiJ9");

    assertRejected(verifier.verify(request), "IncompleteSignatureException",
        "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter."
            + " Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence"
            + " of either a 'X-Amz-Date' or a 'Date' header. Authorization=eyJhbGciOiJIUzI1NiJ9");
  }

  @Test
  void missingDateIsIncomplete() {
    var signed = sdkSigned(get("/restapis").build(), null, SECRET, NOW);
    var request = new SignedRequest(signed.method(), signed.rawPath(), signed.rawQuery(),
        without(signed.headers(), "x-amz-date"), signed.body());

    assertRejected(verifier.verify(request), "IncompleteSignatureException",
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."
            + " Authorization=AWS4-HMAC-SHA256");
  }

  @Test
  void unsupportedAlgorithmIsIncomplete() {
    var signed = sdkSigned(get("/restapis").build(), null, SECRET, NOW);
    String auth = header(signed, "Authorization").replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512");

    assertRejected(verifier.verify(withHeader(signed, "Authorization", auth)), "IncompleteSignatureException",
        "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only AWS4-HMAC-SHA256 for now). ");
  }

  @Test
  void pairWithoutEqualSignIsIncomplete() {
    String auth = "AWS4-HMAC-SHA256 Credential= AKID/20261121/us-east-1/apigateway/aws4_request,"
        + " SignedHeaders=host;x-amz-date, Signature=abc";
    var request = request("GET", "/", "", "", "Host", "localhost", "X-Amz-Date", "20261121T120000Z",
        "Authorization", auth);

    assertRejected(verifier.verify(request), "IncompleteSignatureException",
        "'AKID/20261121/us-east-1/apigateway/aws4_request' not a valid key=value pair (missing equal-sign) in"
            + " Authorization header: '" + auth + "'.");
  }

  @Test
  void credentialScopedToAnotherServiceIsInvalid() {
    var request = sdkSigned(get("/restapis").build(), null, SECRET, NOW, AKID, "execute-api");

    assertRejected(verifier.verify(request), "InvalidSignatureException",
        "Credential should be scoped to correct service: 'apigateway'. ");
  }

  @Test
  void credentialScopedToAnotherRegionThanTheGatewaysIsInvalid() {
    // A correct signature, made for eu-west-1: an endpoint in us-east-1 refuses it as AWS does.
    var request = sdkSigned(get("/restapis").build(), null, SECRET, NOW, AKID, "apigateway", "eu-west-1");

    assertRejected(verifier.verify(request), "InvalidSignatureException",
        "Credential should be scoped to a valid region, not 'eu-west-1'. ");
    assertThat(new SigV4Verifier(Map.of(AKID, SECRET), "apigateway", "eu-west-1", Clock.fixed(NOW, ZoneOffset.UTC),
        Duration.ofMinutes(5)).verify(request)).isEqualTo(new Accepted(AKID, "eu-west-1"));
  }

  @Test
  void credentialDateOtherThanTheRequestDayIsInvalid() {
    var signed = sdkSigned(get("/restapis").build(), null, SECRET, NOW);
    String auth = header(signed, "Authorization").replace("/20261121/", "/20261120/");

    assertRejected(verifier.verify(withHeader(signed, "Authorization", auth)), "InvalidSignatureException",
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP:"
            + " '20261120' != '20261121', from '20261121T120000Z'.");
  }

  @Test
  void credentialWithoutFiveElementsIsIncomplete() {
    var request = request("GET", "/", "", "", "Host", "localhost", "X-Amz-Date", "20261121T120000Z",
        "Authorization", "AWS4-HMAC-SHA256 Credential=" + AKID + "/20261121/us-east-1,"
            + " SignedHeaders=host;x-amz-date, Signature=abc");

    assertRejected(verifier.verify(request), "IncompleteSignatureException",
        "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '"
            + AKID + "/20261121/us-east-1'");
  }

  @Test
  void hostMustBeSigned() {
    var request = request("GET", "/", "", "", "Host", "localhost", "X-Amz-Date", "20261121T120000Z",
        "Authorization", "AWS4-HMAC-SHA256 Credential=" + AKID + "/20261121/us-east-1/apigateway/aws4_request,"
            + " SignedHeaders=x-amz-date, Signature=abc");

    assertRejected(verifier.verify(request), "InvalidSignatureException",
        "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }

  @Test
  void everySignedHeaderMustBePresent() {
    var signed = sdkSigned(createRestApiHttp(), "{\"name\":\"pets\"}", SECRET, NOW);
    var request = new SignedRequest(signed.method(), signed.rawPath(), signed.rawQuery(),
        without(signed.headers(), "content-type"), signed.body());

    assertRejected(verifier.verify(request), "IncompleteSignatureException",
        "'content-type' is named as a SignedHeader, but it does not exist in the HTTP request.");
  }

  @Test
  void authorizationHeaderAndQueryTogetherAreInvalid() {
    var signed = sdkSigned(get("/restapis").build(), null, SECRET, NOW);

    assertRejected(verifier.verify(withQuery(signed, "X-Amz-Algorithm=AWS4-HMAC-SHA256")), "InvalidSignatureException",
        "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
  }

  // --- helpers --------------------------------------------------------------------------------

  private static SigV4Verifier verifierAt(Instant now) {
    return new SigV4Verifier(Map.of(AKID, SECRET), "apigateway", "us-east-1", Clock.fixed(now, ZoneOffset.UTC),
        Duration.ofMinutes(15));
  }

  private static void assertRejected(SigV4Result result, String errorType, String message) {
    assertThat(result).isEqualTo(new Rejected(403, errorType, message));
  }

  private static SdkHttpRequest.Builder get(String encodedPath) {
    return SdkHttpRequest.builder()
        .method(SdkHttpMethod.GET)
        .protocol("https")
        .host("apigateway.us-east-1.amazonaws.com")
        .encodedPath(encodedPath);
  }

  private static SdkHttpRequest createRestApiHttp() {
    return get("/restapis").method(SdkHttpMethod.POST).putHeader("Content-Type", "application/json").build();
  }

  private static SignedRequest createRestApi() {
    return sdkSigned(createRestApiHttp(), "{\"name\":\"pets\"}", SECRET, NOW);
  }

  private static SignedRequest sdkSigned(SdkHttpRequest request, String body, String secret, Instant at) {
    return sdkSigned(request, body, secret, at, AKID);
  }

  private static SignedRequest sdkSigned(SdkHttpRequest request, String body, String secret, Instant at,
      String akid) {
    return sdkSigned(request, body, secret, at, akid, "apigateway");
  }

  private static SignedRequest sdkSigned(SdkHttpRequest request, String body, String secret, Instant at,
      String akid, String service) {
    return sdkSigned(request, body, secret, at, akid, service, "us-east-1");
  }

  private static SignedRequest sdkSigned(SdkHttpRequest request, String body, String secret, Instant at,
      String akid, String service, String region) {
    var signed = AwsV4HttpSigner.create().sign(r -> r
        .identity(AwsCredentialsIdentity.create(akid, secret))
        .request(request)
        .payload(body == null ? null : ContentStreamProvider.fromUtf8String(body))
        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
    return onTheWire(signed.request(), body);
  }

  private static SignedRequest sdkPresigned(SdkHttpRequest request, Instant at, Duration expires) {
    var signed = AwsV4HttpSigner.create().sign(r -> r
        .identity(AwsCredentialsIdentity.create(AKID, SECRET))
        .request(request)
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "apigateway")
        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expires)
        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
    return onTheWire(signed.request(), null);
  }

  /** What an HTTP client would send for the SDK's signed request. */
  private static SignedRequest onTheWire(SdkHttpRequest signed, String body) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    signed.headers().forEach((name, values) -> values.forEach(v -> headers.add(Map.entry(name, v))));
    URI uri = signed.getUri();
    return new SignedRequest(signed.method().name(), uri.getRawPath(), uri.getRawQuery(), headers,
        body == null ? new byte[0] : body.getBytes(UTF_8));
  }

  private static SignedRequest request(String method, String path, String query, String body, String... headers) {
    List<Map.Entry<String, String>> list = new ArrayList<>();
    for (int i = 0; i < headers.length; i += 2) {
      list.add(Map.entry(headers[i], headers[i + 1]));
    }
    return new SignedRequest(method, path, query, list, body.getBytes(UTF_8));
  }

  private static String header(SignedRequest request, String name) {
    return request.headers().stream().filter(h -> h.getKey().equalsIgnoreCase(name)).findFirst().orElseThrow()
        .getValue();
  }

  private static List<Map.Entry<String, String>> without(List<Map.Entry<String, String>> headers, String name) {
    return headers.stream().filter(h -> !h.getKey().equalsIgnoreCase(name)).toList();
  }

  private static SignedRequest withHeader(SignedRequest r, String name, String value) {
    List<Map.Entry<String, String>> headers = new ArrayList<>(without(r.headers(), name));
    headers.add(Map.entry(name, value));
    return new SignedRequest(r.method(), r.rawPath(), r.rawQuery(), headers, r.body());
  }

  private static SignedRequest withPath(SignedRequest r, String rawPath) {
    return new SignedRequest(r.method(), rawPath, r.rawQuery(), r.headers(), r.body());
  }

  private static SignedRequest withQuery(SignedRequest r, String rawQuery) {
    return new SignedRequest(r.method(), r.rawPath(), rawQuery, r.headers(), r.body());
  }

  private static SignedRequest withBody(SignedRequest r, String body) {
    return new SignedRequest(r.method(), r.rawPath(), r.rawQuery(), r.headers(), body.getBytes(UTF_8));
  }

  private static String sign(String canonicalRequest, String amzDate, String scope) {
    String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
        + hex(sha256(canonicalRequest.getBytes(UTF_8)));
    String[] parts = scope.split("/");
    byte[] key = ("AWS4" + SECRET).getBytes(UTF_8);
    for (int i = 0; i < 4; i++) {
      key = hmac(key, parts[i]);
    }
    return hex(hmac(key, stringToSign));
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
