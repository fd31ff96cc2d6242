package dev.apigw.node.dataplane.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apigw.node.testing.DataPlaneClient;
import dev.apigw.node.testing.GatewayExtension;
import dev.apigw.node.testing.LambdaReply;
import dev.apigw.node.testing.LambdaTestServer;
import dev.apigw.node.testing.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

/**
 * The TLS data-plane port with the JDK's own TLS client (SNI, hostname verification, client certificates) against a
 * real node: the development certificate, each custom domain's certificate by SNI, the security policy, mutual TLS
 * and certificate reloads.
 */
class TlsDataPlaneTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path FILES = Path.of("target", "tls-test-" + System.nanoTime()).toAbsolutePath();

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.oneNode()
      .withConfig(Map.of("gateway.data-plane.tls.reload-interval", "500ms"))
      // The payload 2.0 event as the body of a 200 (JSON without statusCode is an inferred response).
      .withLambdaServer(lambda -> lambda.register("event-echo", LambdaReply::result));

  /** What one HTTPS request got: the status, the body and the server's certificate. */
  record Answer(int status, String body, X509Certificate served) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  @Test
  void theDevelopmentCertificateServesExecuteApiHosts() throws Exception {
    String apiId = mockApi();
    Path devCert = gateway.node().certificateDir().resolve("default.crt");
    assertThat(devCert).exists();
    SSLContext trustDev = TestCertificates.context(read(devCert), null);
    String host = apiId + ".execute-api.localhost";

    Answer answer = awaitStatus(() -> get(trustDev, host, host, "/prod/whoami", "TLSv1.3"), 200);
    assertThat(answer.served().getSubjectX500Principal().getName()).contains("CN=*.execute-api.localhost");
    assertThat(answer.json().get("domain").asText()).isEqualTo(host);
  }

  @Test
  void sniPicksEachCustomDomainsOwnCertificateAndTls12RefusesTls11() throws Exception {
    String apiId = mockApi();
    var ca = TestCertificates.authority("domains CA");
    // One certificate named by a file: URI in regionalCertificateArn (key beside it as .key) ...
    String byUri = "byuri" + System.nanoTime() + ".example.test";
    var uriCert = TestCertificates.issue(ca, byUri);
    uriCert.write(FILES.resolve(byUri + ".pem"), FILES.resolve(byUri + ".key"));
    createDomain(byUri, FILES.resolve(byUri + ".pem").toUri().toString(), null, apiId);
    // ... and one found in the certificate folder by the domain's name, its ARN an ACM one.
    String byName = "byname" + System.nanoTime() + ".example.test";
    var nameCert = TestCertificates.issue(ca, byName);
    Path dir = gateway.node().certificateDir();
    nameCert.write(dir.resolve(byName + ".crt"), dir.resolve(byName + ".key"));
    createDomain(byName, "arn:aws:acm:us-east-1:000000000000:certificate/abc", null, apiId);

    SSLContext trustCa = TestCertificates.context(ca.certificate(), null);
    Answer first = awaitStatus(() -> get(trustCa, byUri, byUri, "/whoami", "TLSv1.3"), 200);
    assertThat(first.served().getSerialNumber()).isEqualTo(uriCert.certificate().getSerialNumber());
    assertThat(first.json().get("domain").asText()).isEqualTo(byUri);
    Answer second = awaitStatus(() -> get(trustCa, byName, byName, "/whoami", "TLSv1.2"), 200);
    assertThat(second.served().getSerialNumber()).isEqualTo(nameCert.certificate().getSerialNumber());

    // securityPolicy TLS_1_2 (the default): a TLS 1.1 handshake fails.
    assertThatThrownBy(() -> get(trustCa, byName, byName, "/whoami", "TLSv1.1")).isInstanceOf(SSLException.class);
  }

  @Test
  void mutualTlsServesOnlyTrustedClientCertificatesAndPutsThemInTheContext() throws Exception {
    String apiId = mockApi();
    var serverCa = TestCertificates.authority("server CA");
    var clientCa = TestCertificates.authority("client CA");
    var otherCa = TestCertificates.authority("other CA");
    String domain = "mtls" + System.nanoTime() + ".example.test";
    TestCertificates.issue(serverCa, domain).write(FILES.resolve(domain + ".crt"), FILES.resolve(domain + ".key"));
    clientCa.writeCertificate(FILES.resolve(domain + "-truststore.pem"));
    createDomain(domain, FILES.resolve(domain + ".crt").toString(), FILES.resolve(domain + "-truststore.pem").toUri().toString(), apiId);

    var client = TestCertificates.issue(clientCa, "client.example.test");
    SSLContext trusted = TestCertificates.context(serverCa.certificate(), client);
    Answer ok = awaitStatus(() -> get(trusted, domain, domain, "/whoami", "TLSv1.3"), 200);
    JsonNode body = ok.json();
    assertThat(body.get("subject").asText()).contains("CN=client.example.test").contains("O=apigw test");
    assertThat(body.get("issuer").asText()).isEqualTo("CN=client CA");
    assertThat(body.get("serial").asText()).matches("[0-9a-f]{2}(:[0-9a-f]{2})*");
    assertThat(new java.math.BigInteger(body.get("serial").asText().replace(":", ""), 16))
        .isEqualTo(client.certificate().getSerialNumber());
    assertThat(body.get("pem").asText()).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(body.get("notAfter").asText()).endsWith(" GMT");

    // Over TLS 1.2 too (the certificate comes in the handshake, not after it).
    assertThat(get(trusted, domain, domain, "/whoami", "TLSv1.2").status()).isEqualTo(200);
    // No certificate, a certificate of another CA: 403, as AWS answers.
    Answer none = get(TestCertificates.context(serverCa.certificate(), null), domain, domain, "/whoami", "TLSv1.3");
    assertThat(none.status()).isEqualTo(403);
    assertThat(none.json().get("message").asText()).isEqualTo("Forbidden");
    var stranger = TestCertificates.issue(otherCa, "stranger.example.test");
    assertThat(get(TestCertificates.context(serverCa.certificate(), stranger), domain, domain, "/whoami", "TLSv1.3").status())
        .isEqualTo(403);
    // A handshake for another domain's name (SNI) without a certificate does not open this one (checked per request).
    String plainDomain = "plain" + System.nanoTime() + ".example.test";
    TestCertificates.issue(serverCa, plainDomain).write(FILES.resolve(plainDomain + ".crt"), FILES.resolve(plainDomain + ".key"));
    createDomain(plainDomain, FILES.resolve(plainDomain + ".crt").toString(), null, apiId);
    SSLContext anonymous = TestCertificates.context(serverCa.certificate(), null);
    awaitStatus(() -> get(anonymous, plainDomain, plainDomain, "/whoami", "TLSv1.3"), 200);
    assertThat(get(anonymous, plainDomain, domain, "/whoami", "TLSv1.3").status()).isEqualTo(403);
    // Nor does the plain port.
    var plain = gateway.dataPlane().callHost("GET", domain, "/whoami", null, Map.of());
    assertThat(plain.statusCode()).isEqualTo(403);
  }

  @Test
  void anHttpApiBehindAMutualTlsDomainGetsTheClientCertificateInPayload20() throws Exception {
    var v2 = gateway.v2Client();
    String apiId = v2.createApi(r -> r.name("mtls-http")
        .protocolType(software.amazon.awssdk.services.apigatewayv2.model.ProtocolType.HTTP)
        .target(LambdaTestServer.integrationUri("event-echo"))).apiId();
    var serverCa = TestCertificates.authority("server CA");
    var clientCa = TestCertificates.authority("client CA");
    String domain = "mtlshttp" + System.nanoTime() + ".example.test";
    TestCertificates.issue(serverCa, domain).write(FILES.resolve(domain + ".crt"), FILES.resolve(domain + ".key"));
    clientCa.writeCertificate(FILES.resolve(domain + "-truststore.pem"));
    v2.createDomainName(r -> r.domainName(domain)
        .domainNameConfigurations(c -> c.certificateArn(FILES.resolve(domain + ".crt").toString()))
        .mutualTlsAuthentication(m -> m.truststoreUri(FILES.resolve(domain + "-truststore.pem").toUri().toString())));
    v2.createApiMapping(r -> r.domainName(domain).apiId(apiId).stage("$default"));

    var client = TestCertificates.issue(clientCa, "caller.example.test");
    SSLContext trusted = TestCertificates.context(serverCa.certificate(), client);
    Answer ok = awaitStatus(() -> get(trusted, domain, domain, "/orders", "TLSv1.3"), 200);
    JsonNode cert = ok.json().path("requestContext").path("authentication").path("clientCert");
    assertThat(cert.path("subjectDN").asText()).contains("CN=caller.example.test");
    assertThat(cert.path("issuerDN").asText()).isEqualTo("CN=client CA");
    assertThat(new java.math.BigInteger(cert.path("serialNumber").asText().replace(":", ""), 16))
        .isEqualTo(client.certificate().getSerialNumber());
    assertThat(cert.path("clientCertPem").asText()).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(cert.path("validity").path("notAfter").asText()).endsWith(" GMT");
    // No certificate: 403, before the API is reached.
    assertThat(get(TestCertificates.context(serverCa.certificate(), null), domain, domain, "/orders", "TLSv1.3").status())
        .isEqualTo(403);

    // The execute-api endpoint (no mutual TLS) sends no authentication block.
    var plain = DataPlaneClient.await(() -> gateway.dataPlane().call("GET", apiId, "/orders", null, Map.of()),
        r -> r.statusCode() == 200);
    assertThat(DataPlaneClient.json(plain.body()).path("requestContext").has("authentication")).isFalse();
  }

  @Test
  void aChangedCertificateFileIsServedWithoutRestart() throws Exception {
    String apiId = mockApi();
    var ca = TestCertificates.authority("reload CA");
    String domain = "reload" + System.nanoTime() + ".example.test";
    Path dir = gateway.node().certificateDir();
    var before = TestCertificates.issue(ca, domain);
    before.write(dir.resolve(domain + ".crt"), dir.resolve(domain + ".key"));
    createDomain(domain, "arn:aws:acm:us-east-1:000000000000:certificate/abc", null, apiId);
    SSLContext trustCa = TestCertificates.context(ca.certificate(), null);
    Answer first = awaitStatus(() -> get(trustCa, domain, domain, "/whoami", "TLSv1.3"), 200);
    assertThat(first.served().getSerialNumber()).isEqualTo(before.certificate().getSerialNumber());

    var after = TestCertificates.issue(ca, domain);
    // Written elsewhere and moved in, as an operator (or certbot) replaces files.
    Path staged = FILES.resolve("staged");
    after.write(staged.resolve("new.crt"), staged.resolve("new.key"));
    Files.move(staged.resolve("new.key"), dir.resolve(domain + ".key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.move(staged.resolve("new.crt"), dir.resolve(domain + ".crt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Answer reloaded = awaitStatus(() -> {
      // A fresh client each time: a resumed TLS session would show the certificate of its first handshake.
      Answer a = get(TestCertificates.context(ca.certificate(), null), domain, domain, "/whoami", "TLSv1.3");
      return a.served().getSerialNumber().equals(after.certificate().getSerialNumber()) ? a : new Answer(0, a.body(), a.served());
    }, 200);
    assertThat(reloaded.served().getSerialNumber()).isEqualTo(after.certificate().getSerialNumber());
  }

  /** A REST API whose GET /whoami answers its domain and client certificate from $context, deployed to prod. */
  private static String mockApi() {
    var api = gateway.client().createRestApi(r -> r.name("tls"));
    String whoami = gateway.client().createResource(r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("whoami")).id();
    gateway.client().putMethod(r -> r.restApiId(api.id()).resourceId(whoami).httpMethod("GET").authorizationType("NONE"));
    gateway.client().putMethodResponse(r -> r.restApiId(api.id()).resourceId(whoami).httpMethod("GET").statusCode("200"));
    gateway.client().putIntegration(r -> r.restApiId(api.id()).resourceId(whoami).httpMethod("GET").type(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    gateway.client().putIntegrationResponse(r -> r.restApiId(api.id()).resourceId(whoami).httpMethod("GET").statusCode("200")
        .responseTemplates(Map.of("application/json", "{\"domain\": \"$context.domainName\","
            + " \"subject\": \"$context.identity.clientCert.subjectDN\", \"issuer\": \"$context.identity.clientCert.issuerDN\","
            + " \"serial\": \"$context.identity.clientCert.serialNumber\","
            + " \"notAfter\": \"$context.identity.clientCert.validity.notAfter\","
            + " \"pem\": \"$util.escapeJavaScript($context.identity.clientCert.clientCertPem)\"}")));
    gateway.client().createDeployment(r -> r.restApiId(api.id()).stageName("prod"));
    return api.id();
  }

  private static void createDomain(String domain, String certificateArn, String truststoreUri, String apiId) {
    gateway.client().createDomainName(r -> {
      r.domainName(domain).regionalCertificateArn(certificateArn).endpointConfiguration(e -> e.types(EndpointType.REGIONAL));
      if (truststoreUri != null) {
        r.mutualTlsAuthentication(m -> m.truststoreUri(truststoreUri));
      }
    });
    gateway.client().createBasePathMapping(r -> r.domainName(domain).basePath("(none)").restApiId(apiId).stage("prod"));
  }

  /** GET {@code path} over the JDK's TLS client: SNI {@code sni}, hostname verified against it, only {@code protocol}. */
  private static Answer get(SSLContext context, String sni, String host, String path, String protocol) throws IOException {
    // Connected to 127.0.0.1, named by host: the JDK sends that name as SNI and verifies the certificate against it.
    var tcp = new java.net.Socket("127.0.0.1", gateway.node().tlsPort());
    try (var socket = (SSLSocket) context.getSocketFactory().createSocket(tcp, sni, gateway.node().tlsPort(), true)) {
      socket.setSoTimeout(10_000);
      var params = socket.getSSLParameters();
      params.setServerNames(List.of(new SNIHostName(sni)));
      params.setEndpointIdentificationAlgorithm("HTTPS");
      params.setProtocols(new String[] {protocol});
      socket.setSSLParameters(params);
      socket.startHandshake();
      X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String response = readAll(socket.getInputStream());
      int status = Integer.parseInt(response.substring(9, 12));
      int bodyStart = response.indexOf("\r\n\r\n");
      return new Answer(status, bodyStart < 0 ? "" : response.substring(bodyStart + 4), served);
    }
  }

  /** Polls until a request answers {@code status}: new domains and files reach the node's snapshots within a second or so. */
  private static Answer awaitStatus(Call call, int status) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    Exception last = null;
    Answer answer = null;
    while (System.nanoTime() < deadline) {
      try {
        answer = call.get();
        if (answer.status() == status) {
          return answer;
        }
      } catch (IOException e) {
        last = e;
      }
      Thread.sleep(200);
    }
    if (answer != null) {
      return answer;
    }
    throw last;
  }

  private interface Call {
    Answer get() throws IOException;
  }

  private static String readAll(InputStream in) throws IOException {
    var out = new ByteArrayOutputStream();
    try {
      in.transferTo(out);
    } catch (SSLException e) {
      // the server closed after the response without close_notify; what arrived counts
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static X509Certificate read(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

}
