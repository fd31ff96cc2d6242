package dev.apigw.node.sigv4;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.node.sigv4.SigV4Result;
import dev.apigw.node.sigv4.SigV4Signer;
import dev.apigw.node.sigv4.SigV4Verifier;
import dev.apigw.node.sigv4.SignedRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

class SigV4SignerTest {
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String PATH =
      "/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:my-fn:$LATEST/invocations";
  private static final byte[] BODY = "{\"resource\":\"/pets/{id}\"}".getBytes(UTF_8);
  private static final List<Map.Entry<String, String>> HEADERS = List.of(
      Map.entry("Host", "127.0.0.1:9001"),
      Map.entry("Content-Type", "application/json"),
      Map.entry("X-Amz-Invocation-Type", "RequestResponse"));

  private final SigV4Signer signer = new SigV4Signer("AKIDEXAMPLE", "secret/KEY+1", "us-east-1", "lambda", CLOCK);

  @Test
  void signsWithDateHashAndAuthorizationHeaders() {
    var added = signer.sign("POST", PATH, "", HEADERS, BODY);

    assertThat(added).extracting(Map.Entry::getKey).containsExactly("x-amz-date", "x-amz-content-sha256", "Authorization");
    assertThat(added.get(0).getValue()).isEqualTo("20261121T120000Z");
    assertThat(added.get(2).getValue())
        .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/us-east-1/lambda/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-invocation-type, Signature=");
  }

  @Test
  void theGatewaysVerifierAcceptsTheSignature() {
    var verifier = new SigV4Verifier(Map.of("AKIDEXAMPLE", "secret/KEY+1"), "lambda", "us-east-1", CLOCK, Duration.ofMinutes(15));

    assertThat(verifier.verify(signed(PATH, BODY))).isEqualTo(new SigV4Result.Accepted("AKIDEXAMPLE", "us-east-1"));
  }

  @Test
  void aChangedBodyNoLongerVerifies() {
    var verifier = new SigV4Verifier(Map.of("AKIDEXAMPLE", "secret/KEY+1"), "lambda", "us-east-1", CLOCK, Duration.ofMinutes(15));
    SignedRequest signed = signed(PATH, BODY);
    var tampered = new SignedRequest("POST", PATH, "", signed.headers(), "{}".getBytes(UTF_8));

    assertThat(verifier.verify(tampered)).isInstanceOf(SigV4Result.Rejected.class);
  }

  @Test
  void signatureIsTheAwsSdksForTheSameRequest() {
    String payloadHash = signer.sign("POST", PATH, "", HEADERS, BODY).get(1).getValue();
    SdkHttpRequest unsigned = SdkHttpRequest.builder()
        .method(SdkHttpMethod.POST)
        .uri(URI.create("http://127.0.0.1:9001" + PATH))
        .putHeader("Content-Type", "application/json")
        .putHeader("X-Amz-Invocation-Type", "RequestResponse")
        .putHeader("x-amz-content-sha256", payloadHash)
        .build();

    var sdk = AwsV4HttpSigner.create().sign(r -> r
        .identity(AwsBasicCredentials.create("AKIDEXAMPLE", "secret/KEY+1"))
        .request(unsigned)
        .payload(ContentStreamProvider.fromByteArray(BODY))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
        .putProperty(AwsV4FamilyHttpSigner.SIGNING_CLOCK, CLOCK));

    String ours = signer.sign("POST", PATH, "", HEADERS, BODY).get(2).getValue();
    assertThat(ours).isEqualTo(sdk.request().firstMatchingHeader("Authorization").orElseThrow());
  }

  @Test
  void queryPairsAreSortedIntoTheCanonicalRequest() {
    var verifier = new SigV4Verifier(Map.of("AKIDEXAMPLE", "secret/KEY+1"), "lambda", "us-east-1", CLOCK, Duration.ofMinutes(15));
    var added = signer.sign("GET", "/2015-03-31/functions", "b=2&a=1&a=0", HEADERS, new byte[0]);
    List<Map.Entry<String, String>> headers = new ArrayList<>(HEADERS);
    headers.addAll(added);

    assertThat(verifier.verify(new SignedRequest("GET", "/2015-03-31/functions", "b=2&a=1&a=0", headers, new byte[0])))
        .isInstanceOf(SigV4Result.Accepted.class);
  }

  @Test
  void refusesHeadersWithoutHost() {
    assertThatThrownBy(() -> signer.sign("POST", PATH, "", List.of(Map.entry("Content-Type", "application/json")), BODY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no 'host'");
  }

  private SignedRequest signed(String path, byte[] body) {
    List<Map.Entry<String, String>> headers = new ArrayList<>(HEADERS);
    headers.addAll(signer.sign("POST", path, "", HEADERS, body));
    return new SignedRequest("POST", path, "", headers, body);
  }
}
