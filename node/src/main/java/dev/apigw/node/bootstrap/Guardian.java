package dev.apigw.node.bootstrap;

import dev.apigw.node.controlplane.ControlPlane;
import dev.apigw.node.controlplane.ControlPlaneSettings;
import dev.apigw.node.dataplane.throttle.ThrottleSettings;
import dev.apigw.node.dataplane.DataPlane;
import dev.apigw.node.dataplane.DataPlaneSettings;
import dev.apigw.node.dataplane.authorizers.InvokePermissions;
import dev.apigw.node.dataplane.edge.DataPlaneServer;
import dev.apigw.node.dataplane.edge.EdgeSettings;
import dev.apigw.node.dataplane.tls.TlsContext;
import dev.apigw.node.dataplane.tls.TlsSettings;
import dev.apigw.node.sigv4.SigV4Verifier;
import dev.apigw.persistence.directory.AccountDirectory;
import dev.apigw.persistence.health.JournalHealth;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.settings.ServerSettings;
import org.apache.pekko.management.cluster.bootstrap.ClusterBootstrap;
import org.apache.pekko.management.javadsl.PekkoManagement;
import org.apache.pekko.pattern.Patterns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The root actor: joins the cluster (by itself, through seed nodes or through Cluster Bootstrap,
 * per {@link GatewaySettings.ClusterSettings}), starts sharding, Pekko Management and both HTTP servers, and
 * marks the node ready once they are bound, the journal answers and its health probe succeeded.
 */
public final class Guardian {
  private static final Logger log = LoggerFactory.getLogger(Guardian.class);
  private static final Duration UNBIND_DEADLINE = Duration.ofSeconds(10);

  /** Why the node stopped when a server could not bind. */
  public static final CoordinatedShutdown.Reason BIND_FAILED = new CoordinatedShutdown.Reason() {
    @Override
    public String toString() {
      return "BindFailed";
    }
  };

  private Guardian() {}

  public static Behavior<Void> create(GatewaySettings settings) {
    return Behaviors.setup(
        ctx -> {
          ActorSystem<Void> system = ctx.getSystem();
          // Joining first: sharding and readiness wait for this node to be Up.
          join(system, settings.cluster());
          ControlPlane.initEntities(system, settings.accountId());
          var journal = JournalHealth.start(system, settings.journalHealth().interval(), settings.journalHealth().timeout());
          // Management writes are refused while the probe fails (ManagementRoutes): not ready before it succeeded.
          NodeReadiness.get(system).watchWrites(() -> journal.answered() && journal.available());
          // /ready and /alive: a node whose Pekko Management cannot bind would never be seen ready, so it stops too.
          var pekkoManagementBound = PekkoManagement.get(Adapter.toClassic(system)).start();
          if (settings.cluster().join() == GatewaySettings.JoinMode.BOOTSTRAP) {
            // Bootstrap's peers probe this node's Pekko Management, so it starts after it.
            log.info("Joining the cluster through Pekko Management Cluster Bootstrap");
            ClusterBootstrap.get(Adapter.toClassic(system)).start();
          }

          var dataPlaneSettings = DataPlaneSettings.from(system.settings().config());
          // @connections calls, AWS_IAM methods and $connect are signed for execute-api with the data plane's key pairs
          // (GATEWAY_INVOKE_CREDENTIALS; the management API's while it is unset), each within its allow list.
          var executeApiVerifier = new SigV4Verifier(settings.dataPlaneCredentials(), "execute-api", settings.region(),
              Clock.systemUTC(), settings.maxClockSkew());
          var invokePermissions = new InvokePermissions(settings.accountId(), settings.invokePolicy());
          var dataPlane = DataPlane.start(system, dataPlaneSettings, settings.accountId(), settings.region(),
              executeApiVerifier, invokePermissions, journal, () -> NodeReadiness.get(system).markStagesLoaded());
          // TestInvokeMethod / TestInvokeAuthorizer: the management API runs methods through the data plane's REST
          // pipeline and authorizers through its authorizer code.
          var managementBound = bind(system, settings.bindHost(), settings.management().port(),
              ControlPlane.route(system,
                  controlPlaneSettings(settings, dataPlaneSettings, ThrottleSettings.from(system.settings().config())), journal,
                  dataPlane.methodTester(), dataPlane.authorizerTester()), "management API");
          // Connection limits per client and in total, and request-head deadlines (DataPlaneServer), on both ports.
          var dataPlaneServer = DataPlaneServer.create(system, dataPlaneServerSettings(system),
              EdgeSettings.from(system.settings().config()), dataPlane.router());
          var plainBound = dataPlaneServer.bind(settings.bindHost(), settings.dataPlanePort())
              .thenApply(binding -> announce(system, binding, "data plane", "http"));
          var tls = TlsSettings.from(system.settings().config());
          CompletionStage<Done> tlsBound = !tls.enabled() ? CompletableFuture.completedFuture(Done.getInstance())
              : dataPlane.certificates().start(system, tls.reloadInterval())
                  .thenCompose(loaded -> dataPlaneServer.bindTls(settings.bindHost(), tls.port(),
                      TlsContext.create(dataPlane.certificates())))
                  .thenApply(binding -> {
                    announce(system, binding, "data plane (TLS)", "https");
                    return Done.getInstance();
                  });
          var dataBound = plainBound.thenCombine(tlsBound, (a, b) -> Done.getInstance());
          managementBound
              .thenCombine(dataBound, (a, b) -> Done.getInstance())
              .thenCombine(pekkoManagementBound, (a, b) -> Done.getInstance())
              .whenComplete(
                  (done, failure) -> {
                    if (failure != null) {
                      log.error("A server could not bind; stopping the node: {}", failure.getMessage());
                      CoordinatedShutdown.get(system).runAll(BIND_FAILED);
                    } else {
                      NodeReadiness.get(system).markServersBound();
                    }
                  });
          awaitJournal(system, ClusterSharding.get(system), settings.accountId());
          return Behaviors.empty();
        });
  }

  /** The part of the node's settings the management API reads. */
  private static ControlPlaneSettings controlPlaneSettings(GatewaySettings settings, DataPlaneSettings dataPlane,
      ThrottleSettings throttle) {
    return new ControlPlaneSettings(settings.accountId(), settings.region(), settings.credentials(),
        settings.maxClockSkew(), settings.management().maxBodyBytes(), settings.management().askTimeout(),
        settings.readJournalPluginId(), dataPlane.domain(), settings.dataPlanePort(), throttle.account().rate(),
        throttle.account().burst());
  }

  /** Joins itself or the seed nodes, as configured; bootstrap is started in {@link #create}. */
  private static void join(ActorSystem<Void> system, GatewaySettings.ClusterSettings cluster) {
    if (!system.settings().config().getStringList("pekko.cluster.seed-nodes").isEmpty()) {
      log.info("pekko.cluster.seed-nodes is set; Pekko joins those seed nodes itself");
      return;
    }
    Cluster self = Cluster.get(system);
    switch (cluster.join()) {
      case SELF -> self.manager().tell(Join.create(self.selfMember().address()));
      case SEED_NODES -> {
        List<Address> seeds =
            cluster.seedNodes().stream()
                .map(seed -> new Address("pekko", system.name(), seed.host(), seed.port()))
                .toList();
        log.info("Joining the cluster through seed nodes {}", seeds);
        self.manager().tell(new JoinSeedNodes(seeds));
      }
      case BOOTSTRAP -> {
        // started once Pekko Management runs (see create)
      }
    }
  }

  private static CompletionStage<ServerBinding> bind(
      ActorSystem<Void> system, String host, int port, Route route, String what) {
    return Http.get(system)
        .newServerAt(host, port)
        .bind(route)
        .thenApply(binding -> announce(system, binding, what));
  }

  /** The data plane's ports (bound by DataPlaneServer with Pekko IO): unbound in the service-unbind phase. */
  private static DataPlaneServer.Binding announce(ActorSystem<Void> system, DataPlaneServer.Binding binding,
      String what, String scheme) {
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceUnbind(),
        "unbind-" + what.replace(' ', '-'), binding::unbind);
    log.info("{} listening on {}://{}:{}", what, scheme, binding.localAddress().getHostString(),
        binding.localAddress().getPort());
    return binding;
  }

  private static ServerBinding announce(ActorSystem<Void> system, ServerBinding binding, String what) {
    return announce(system, binding, what, "http");
  }

  private static ServerBinding announce(ActorSystem<Void> system, ServerBinding binding, String what, String scheme) {
    // Unbind in the service-unbind phase, then give in-flight requests time to finish.
    binding.addToCoordinatedShutdown(UNBIND_DEADLINE, system);
    log.info("{} listening on {}://{}", what, scheme, binding.localAddress().getHostString() + ":" + binding.localAddress().getPort());
    return binding;
  }

  /** The data plane's server settings: pekko.http.server overlaid with gateway.data-plane.server. */
  private static ServerSettings dataPlaneServerSettings(ActorSystem<Void> system) {
    var config = system.settings().config();
    return ServerSettings.create(config.getConfig("gateway.data-plane.server")
        .atPath("pekko.http.server").withFallback(config));
  }

  /** Asks the account's directory until it answers: proof that the journal is reachable. */
  private static void awaitJournal(ActorSystem<Void> system, ClusterSharding sharding, String accountId) {
    var directory = sharding.entityRefFor(
        AccountDirectory.ENTITY_KEY, AccountDirectory.entityId(AccountDirectory.Kind.REST_APIS, accountId));
    Patterns.retry(
            () -> directory.<AccountDirectory.Page>askWithStatus(r -> new AccountDirectory.ListIds(null, 1, r), Duration.ofSeconds(5)),
            120,
            Duration.ofSeconds(1),
            Adapter.toClassic(system.scheduler()),
            system.executionContext())
        .whenComplete(
            (page, failure) -> {
              if (failure == null) {
                NodeReadiness.get(system).markJournalAnswered();
                log.info("Journal answered");
              } else {
                log.error("The journal did not answer; the node stays not ready", failure);
              }
            });
  }
}
