package dev.apigw.node.dataplane.integration;

import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.ResponseTypes;
import dev.apigw.persistence.account.AccountEntity;
import dev.apigw.protocol.account.ClientCertificate;
import dev.apigw.protocol.account.VpcLink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.HttpsConnectionContext;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.Uri;
import org.apache.pekko.http.javadsl.model.headers.Host;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where and how a backend request goes: through a VPC link, to the address configured for its load balancer (the
 * uri's host still named in {@code Host} and verified in TLS), and over HTTPS with the stage's client certificate.
 * Requests with neither go on as they are, with the same (default or truststore) context, so they share their pools.
 */
final class BackendConnections {
  private static final Logger log = LoggerFactory.getLogger(BackendConnections.class);

  /** The request to send and the TLS context to send it with (null: Pekko's default). */
  record Prepared(HttpRequest request, HttpsConnectionContext context) {}

  private final BackendSettings settings;
  private final AccountView account;
  private final BackendTls tls;

  BackendConnections(BackendSettings settings, AccountView account) {
    this.settings = settings;
    this.account = account;
    this.tls = new BackendTls(settings.truststore());
  }

  CompletionStage<Prepared> prepare(HttpRequest request, Backend.Connection connection) {
    boolean https = "https".equals(request.getUri().scheme());
    if (connection.vpcLinkId() == null && (connection.clientCertificateId() == null || !https)) {
      return CompletableFuture.completedFuture(new Prepared(request, https ? tls.context(null, null) : null));
    }
    // The account's state is node-local after the first request; a certificate's TLS context is built (CPU only: the
    // key parsed from memory, no I/O) on its first request and kept.
    return account.state().thenApply(state -> {
      ClientCertificate certificate = https ? certificate(state, connection.clientCertificateId()) : null;
      if (connection.vpcLinkId() == null) {
        return new Prepared(request, tls.context(certificate, null));
      }
      Uri uri = request.getUri();
      boolean v2 = connection.privateTarget() != null;
      BackendSettings.Address target = v2 ? privateTarget(state, connection, uri)
          : target(state, connection.vpcLinkId(), uri);
      HttpRequest viaLink = request.withUri(uri.host(target.host()).port(target.port()));
      if (request.getHeader(Host.class).isEmpty()) {
        // As AWS sends it through the link: the load balancer receives the integration uri's host (an HTTP API's
        // private integration has no host in its uri: its tlsConfig's serverNameToVerify over HTTPS, else the
        // address standing for the listener).
        viaLink = viaLink.addHeader(v2 && !https ? Host.create(target.host(), target.port()) : hostOf(uri));
      }
      return new Prepared(viaLink, https ? tls.context(certificate, uri.host().address()) : null);
    });
  }

  /**
   * The {@code Host} header a client writes for {@code uri}: its own port only (Uri.port() is the scheme's default when
   * it names none), "orders.example" for http://orders.example/, "orders.example:8080" for http://orders.example:8080/.
   */
  static Host hostOf(Uri uri) {
    // From the uri's parsed host: Host.create(String) parses the name again (a per-request cost in profiles).
    var authority = uri.asScala().authority();
    return org.apache.pekko.http.scaladsl.model.headers.Host.apply(authority.host(), authority.port());
  }

  private static ClientCertificate certificate(AccountEntity.State state, String id) {
    if (id == null) {
      return null;
    }
    ClientCertificate certificate = state.clientCertificates().get(id);
    if (certificate == null) {
      throw broken("the stage's client certificate " + id + " does not exist");
    }
    return certificate;
  }

  private BackendSettings.Address target(AccountEntity.State state, String id, Uri uri) {
    VpcLink link = available(state, id, false, "integration uri host " + uri.host().address());
    String loadBalancer = link.targetArns().isEmpty() ? null : link.targetArns().get(0);
    BackendSettings.Address address = loadBalancer == null ? null : settings.vpcLinkTargets().get(loadBalancer);
    if (address == null) {
      throw broken("VPC link " + id + ": no address for its load balancer " + loadBalancer + " (expected: an entry"
          + " {load balancer ARN}={host}:{port} in " + BackendSettings.PATH + ".vpc-link-targets, GATEWAY_VPC_LINK_TARGETS)");
    }
    return address;
  }

  /**
   * An HTTP API private integration's address: the one the node's VPC link targets give its listener (or Cloud Map
   * service) ARN, else, for a listener, the one they give its load balancer (the ARN a REST link would name).
   */
  private BackendSettings.Address privateTarget(AccountEntity.State state, Backend.Connection connection, Uri uri) {
    String id = connection.vpcLinkId();
    String arn = connection.privateTarget();
    available(state, id, true, "integration uri " + arn);
    BackendSettings.Address address = settings.vpcLinkTargets().get(arn);
    String loadBalancer = loadBalancerOf(arn);
    if (address == null && loadBalancer != null) {
      address = settings.vpcLinkTargets().get(loadBalancer);
    }
    if (address == null) {
      throw broken("VPC link " + id + ": no address for " + arn + (loadBalancer == null ? "" : " nor its load balancer "
          + loadBalancer) + " (expected: an entry {ARN}={host}:{port} in " + BackendSettings.PATH
          + ".vpc-link-targets, GATEWAY_VPC_LINK_TARGETS)");
    }
    return address;
  }

  /** A listener's load balancer: {@code ...:listener/app/name/lb-id/listener-id} -> {@code ...:loadbalancer/app/name/lb-id}. */
  static String loadBalancerOf(String arn) {
    int listener = arn.indexOf(":listener/");
    int last = arn.lastIndexOf('/');
    if (listener < 0 || last <= listener + ":listener/".length()) {
      return null;
    }
    return arn.substring(0, listener) + ":loadbalancer/" + arn.substring(listener + ":listener/".length(), last);
  }

  private static VpcLink available(AccountEntity.State state, String id, boolean v2, String what) {
    VpcLink link = state.vpcLinks().get(id);
    if (link == null) {
      throw broken("VPC link " + id + " does not exist (" + what + ")");
    }
    if (link.isV2() != v2) {
      throw broken("VPC link " + id + " is a " + (link.isV2() ? "HTTP API (V2)" : "REST API (V1)") + " link (expected: a "
          + (v2 ? "V2 link for an HTTP API" : "V1 link for a REST API") + " integration)");
    }
    if (!VpcLink.AVAILABLE.equals(link.status())) {
      throw broken("VPC link " + id + " is " + link.status() + " (expected: AVAILABLE)");
    }
    return link;
  }

  /** AWS's answer to an integration it cannot call (500 Internal server error); the reason goes to the log. */
  static GatewayError broken(String why) {
    log.warn("Integration not callable: {}", why);
    return new GatewayError(ResponseTypes.API_CONFIGURATION_ERROR, ResponseTypes.INTERNAL_SERVER_ERROR);
  }
}
