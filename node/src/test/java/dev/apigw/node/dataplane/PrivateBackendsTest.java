package dev.apigw.node.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.apigw.node.testing.DataPlaneClient;
import dev.apigw.node.testing.GatewayExtension;
import dev.apigw.node.testing.TestCertificates;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ConnectionType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.VpcLinkStatus;

/**
 * Backends the gateway reaches in ways a plain URL does not say: a real HTTPS backend that requires a client
 * certificate (the stage's, as API Gateway presents it), and VPC_LINK integrations whose load balancer is a real
 * local HTTP server configured as the link's target. One real node, the real AWS SDK client.
 */
class PrivateBackendsTest {
  private static final String NLB = "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/net/orders/0123456789abcdef";
  private static final String TLS_NLB = "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/net/tls/0a1b2c3d4e5f6a7b";
  private static final String UNMAPPED_NLB =
      "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/net/elsewhere/fedcba9876543210";
  private static final Path DIR = tempDir();
  private static final TestCertificates.Issued CA = TestCertificates.authority("backend test CA");
  private static final TestCertificates.Issued SERVER = TestCertificates.issue(CA, "localhost");

  /** Bound before the node starts (its port goes into the node's VPC link targets), started once configured. */
  private static final HttpsServer tlsBackend = bind();

  static {
    CA.writeCertificate(DIR.resolve("backend-ca.pem"));
  }

  @RegisterExtension
  static final GatewayExtension gateway = GatewayExtension.oneNode().withBackend()
      .withConfig(g -> Map.of(
          "gateway.data-plane.backends.truststore", DIR.resolve("backend-ca.pem").toString(),
          "gateway.data-plane.backends.vpc-link-targets",
          NLB + "=127.0.0.1:" + URI.create(g.backend().url("/")).getPort()
              + "," + TLS_NLB + "=127.0.0.1:" + tlsBackend.getAddress().getPort()));

  /** A backend whose certificate the gateway's truststore does not know. */
  private static HttpsServer untrustedBackend;
  private static String apiId;
  private static String certificateSubject;
  private static String certificateId;
  private static String whoResource;
  private static String linkId;

  @BeforeAll
  static void setUp() throws Exception {
    ApiGatewayClient client = gateway.client();
    var certificate = client.generateClientCertificate(r -> r.description("backend auth"));
    X509Certificate stageCertificate = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(certificate.pemEncodedCertificate().getBytes(StandardCharsets.US_ASCII)));
    certificateSubject = stageCertificate.getSubjectX500Principal().getName();
    certificateId = certificate.clientCertificateId();
    startTlsBackend(tlsBackend, SERVER, stageCertificate);
    untrustedBackend = startTlsBackend(bind(), TestCertificates.issue(TestCertificates.authority("unknown CA"), "localhost"),
        null);

    linkId = client.createVpcLink(r -> r.name("orders").targetArns(NLB)).id();
    String unmappedLink = client.createVpcLink(r -> r.name("elsewhere").targetArns(UNMAPPED_NLB)).id();
    String tlsLink = client.createVpcLink(r -> r.name("tls").targetArns(TLS_NLB)).id();
    long deadline = System.currentTimeMillis() + 10_000;
    while ((client.getVpcLink(r -> r.vpcLinkId(linkId)).status() != VpcLinkStatus.AVAILABLE
        || client.getVpcLink(r -> r.vpcLinkId(tlsLink)).status() != VpcLinkStatus.AVAILABLE)
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }

    var api = client.createRestApi(r -> r.name("private backends"));
    apiId = api.id();
    whoResource = proxy(client, api.rootResourceId(), "who", "https://localhost:" + tlsBackend.getAddress().getPort() + "/who",
        null, null);
    proxy(client, api.rootResourceId(), "untrusted",
        "https://localhost:" + untrustedBackend.getAddress().getPort() + "/who", null, null);
    proxy(client, api.rootResourceId(), "private", "http://orders.internal.example:8080/orders/items",
        ConnectionType.VPC_LINK, "${stageVariables.link}");
    // The uri names the backend's certificate host (and a port the load balancer ignores); the link's address is
    // 127.0.0.1, which the certificate does not name: only a check against the uri's host passes.
    proxy(client, api.rootResourceId(), "privatetls", "https://localhost:8443/who", ConnectionType.VPC_LINK, tlsLink);
    proxy(client, api.rootResourceId(), "nolink", "http://orders.internal.example/x", ConnectionType.VPC_LINK, "nosuch");
    proxy(client, api.rootResourceId(), "unmapped", "http://elsewhere.internal.example/x", ConnectionType.VPC_LINK,
        unmappedLink);
    var deployment = client.createDeployment(r -> r.restApiId(apiId).stageName("signed")
        .variables(Map.of("link", linkId)));
    client.updateStage(r -> r.restApiId(apiId).stageName("signed").patchOperations(
        p -> p.op(Op.REPLACE).path("/clientCertificateId").value(certificate.clientCertificateId())));
    client.createStage(r -> r.restApiId(apiId).stageName("unsigned").deploymentId(deployment.id()));
  }

  private static String proxy(ApiGatewayClient client, String parent, String pathPart, String uri,
      ConnectionType connectionType, String connectionId) {
    String resource = client.createResource(r -> r.restApiId(apiId).parentId(parent).pathPart(pathPart)).id();
    client.putMethod(r -> r.restApiId(apiId).resourceId(resource).httpMethod("GET").authorizationType("NONE"));
    client.putIntegration(r -> r.restApiId(apiId).resourceId(resource).httpMethod("GET").type(IntegrationType.HTTP_PROXY)
        .integrationHttpMethod("GET").uri(uri).connectionType(connectionType).connectionId(connectionId));
    return resource;
  }

  @AfterAll
  static void tearDown() {
    for (HttpsServer server : new HttpsServer[] {tlsBackend, untrustedBackend}) {
      if (server != null) {
        server.stop(0);
      }
    }
  }

  private static HttpResponse<String> get(String stageAndPath) {
    return gateway.dataPlane().call("GET", apiId, stageAndPath, null, Map.of());
  }

  @Test
  void aStageWithAClientCertificatePresentsItToTheBackend() {
    var response = DataPlaneClient.await(() -> get("/signed/who"), r -> r.statusCode() == 200);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("client: " + certificateSubject);
  }

  @Test
  void aStageWithoutOneIsRefusedByTheBackendAndAnswersAws5xx() {
    // The unsigned stage is served once the signed one is (same deployment); then its handshake fails.
    DataPlaneClient.await(() -> get("/signed/who"), r -> r.statusCode() == 200);
    var response = DataPlaneClient.await(() -> get("/unsigned/who"), r -> r.statusCode() >= 500);
    // TLS 1.2 refuses in the handshake (an SSLException: AWS's configuration error, 500); TLS 1.3 lets the client
    // finish first and the backend closes the connection on the request (the backend failed: 502).
    assertThat(response.statusCode()).as(response.body()).isIn(500, 502);
    assertThat(DataPlaneClient.json(response.body()).path("message").asText()).isEqualTo("Internal server error");
  }

  @Test
  void testInvokeMethodPresentsTheCertificateItNames() {
    var result = gateway.client().testInvokeMethod(r -> r.restApiId(apiId).resourceId(whoResource).httpMethod("GET")
        .clientCertificateId(certificateId));
    assertThat(result.status()).as(result.body()).isEqualTo(200);
    assertThat(result.body()).isEqualTo("client: " + certificateSubject);
  }

  @Test
  void aBackendCertificateOutsideTheTruststoreIsAwsConfigurationError() {
    var response = DataPlaneClient.await(() -> get("/unsigned/untrusted"), r -> r.statusCode() >= 500);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
    assertThat(DataPlaneClient.json(response.body()).path("message").asText()).isEqualTo("Internal server error");
  }

  @Test
  void aVpcLinkIntegrationReachesTheLoadBalancerWithTheUrisHost() {
    var response = DataPlaneClient.await(() -> get("/signed/private"), r -> r.statusCode() == 200);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    var echo = DataPlaneClient.json(response.body());
    assertThat(echo.path("path").asText()).isEqualTo("/orders/items");
    assertThat(echo.path("headers").path("host").asText()).isEqualTo("orders.internal.example:8080");
  }

  @Test
  void anHttpsVpcLinkIntegrationVerifiesTheUrisHostAndPresentsTheStagesCertificate() {
    var response = DataPlaneClient.await(() -> get("/signed/privatetls"), r -> r.statusCode() == 200);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("client: " + certificateSubject);
  }

  @Test
  void anUnknownOrUnmappedVpcLinkAnswersAwsConfigurationError() {
    DataPlaneClient.await(() -> get("/signed/private"), r -> r.statusCode() == 200);
    for (String path : new String[] {"/signed/nolink", "/signed/unmapped"}) {
      var response = get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(500);
      assertThat(DataPlaneClient.json(response.body()).path("message").asText()).isEqualTo("Internal server error");
    }
    // The stage variable names the link: a stage without it cannot reach the load balancer either.
    assertThat(get("/unsigned/private").statusCode()).isEqualTo(500);
  }

  private static HttpsServer bind() {
    try {
      return HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts {@code server} with {@code certificate}, requiring a client certificate {@code trusted} verifies (if any). */
  private static HttpsServer startTlsBackend(HttpsServer server, TestCertificates.Issued certificate,
      X509Certificate trusted) throws Exception {
    KeyStore identity = KeyStore.getInstance("PKCS12");
    identity.load(null, null);
    identity.setKeyEntry("server", certificate.keys().getPrivate(), "x".toCharArray(),
        new X509Certificate[] {certificate.certificate(), certificate.issuer().certificate()});
    var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(identity, "x".toCharArray());
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    if (trusted != null) {
      trust.setCertificateEntry("stage", trusted);
    }
    var trustManagers = TrustManagerFactory.getInstance("PKIX");
    trustManagers.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(keys.getKeyManagers(), trustManagers.getTrustManagers(), null);
    server.setHttpsConfigurator(new HttpsConfigurator(ssl) {
      @Override
      public void configure(HttpsParameters params) {
        var parameters = ssl.getDefaultSSLParameters();
        parameters.setNeedClientAuth(trusted != null);
        params.setSSLParameters(parameters);
      }
    });
    server.createContext("/who", exchange -> {
      String subject;
      try {
        subject = ((HttpsExchange) exchange).getSSLSession().getPeerPrincipal().getName();
      } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
        subject = "none";
      }
      byte[] body = ("client: " + subject).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    return server;
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("private-backends");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
