package dev.apigw.node.testing;

import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;

/**
 * Real gateway nodes for one test class, on the test Cassandra ({@link CassandraExtension}), with a
 * Lambda-Invoke-compatible server and an HTTP backend when asked; started before the class's first
 * test, stopped after its last. Register it on a static field:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final GatewayExtension gateway = GatewayExtension.oneNode()
 *     .withLambdaServer(lambda -&gt; lambda.register("echo", event -&gt; LambdaReply.result(event)))
 *     .withBackend();
 * </pre>
 *
 * <p>Start order: Cassandra, the Lambda server (its functions registered, its endpoint configured as
 * {@code gateway.data-plane.lambda.endpoint}), the backend, then the nodes; they stop in reverse
 * order, after the clients this extension handed out are closed.
 */
public final class GatewayExtension implements BeforeAllCallback, AfterAllCallback {
  private final int nodeCount;
  private final List<Function<GatewayExtension, Map<String, Object>>> config = new ArrayList<>();
  private Consumer<LambdaTestServer> lambdaFunctions;
  private boolean backendWanted;

  private ActorSystem<Void> lambdaSystem;
  private LambdaTestServer lambda;
  private TestBackend backend;
  private final List<TestNode> nodes = new ArrayList<>();
  private ApiGatewayClient client;
  private ApiGatewayV2Client v2Client;
  private DataPlaneClient dataPlane;

  private GatewayExtension(int nodeCount) {
    this.nodeCount = nodeCount;
  }

  /** One node that forms a cluster of its own ({@link TestNode#start(Map)}). */
  public static GatewayExtension oneNode() {
    return new GatewayExtension(1);
  }

  /** {@code size} nodes in one cluster: a seed ({@link #node(int) node(0)}) and nodes joining it. */
  public static GatewayExtension cluster(int size) {
    if (size < 2) {
      throw new IllegalArgumentException("size: " + size + " (expected: >= 2; use oneNode() for one)");
    }
    return new GatewayExtension(size);
  }

  /** Extra configuration of the node. */
  public GatewayExtension withConfig(Map<String, Object> extra) {
    return withConfig(gateway -> extra);
  }

  /** Extra configuration of the node, computed once the Lambda server and backend run (e.g. from their addresses). */
  public GatewayExtension withConfig(Function<GatewayExtension, Map<String, Object>> extra) {
    if (nodeCount > 1) {
      throw new IllegalStateException("withConfig: a cluster's nodes take no extra configuration (expected: oneNode())");
    }
    config.add(extra);
    return this;
  }

  /** Runs a {@link LambdaTestServer} with the functions {@code functions} registers, and points the node at it. */
  public GatewayExtension withLambdaServer(Consumer<LambdaTestServer> functions) {
    if (nodeCount > 1) {
      throw new IllegalStateException("withLambdaServer: a cluster's nodes take no extra configuration (expected: oneNode())");
    }
    this.lambdaFunctions = functions;
    return this;
  }

  /** Runs a {@link TestBackend} for HTTP integrations. */
  public GatewayExtension withBackend() {
    this.backendWanted = true;
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    new CassandraExtension().beforeAll(context);
    Map<String, Object> extra = new LinkedHashMap<>();
    if (lambdaFunctions != null) {
      lambdaSystem = ActorSystem.create(Behaviors.empty(), "lambda",
          ConfigFactory.parseString("pekko.actor.provider = local\npekko.http.server.parsing.illegal-header-warnings = off")
              .withFallback(ConfigFactory.defaultReference()));
      lambda = LambdaTestServer.start(lambdaSystem);
      lambdaFunctions.accept(lambda);
      extra.put("gateway.data-plane.lambda.endpoint", lambda.endpoint().toString());
    }
    if (backendWanted) {
      backend = TestBackend.start();
    }
    config.forEach(c -> extra.putAll(c.apply(this)));
    if (nodeCount == 1) {
      nodes.add(TestNode.start(extra));
    } else {
      nodes.add(TestNode.startSeed());
      while (nodes.size() < nodeCount) {
        nodes.add(TestNode.startJoining(nodes.get(0)));
      }
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (client != null) {
      client.close();
    }
    if (v2Client != null) {
      v2Client.close();
    }
    for (int i = nodes.size() - 1; i >= 0; i--) {
      nodes.get(i).close();
    }
    nodes.clear();
    if (backend != null) {
      backend.close();
    }
    if (lambda != null) {
      lambda.close();
    }
    if (lambdaSystem != null) {
      lambdaSystem.terminate();
    }
  }

  /** The node (the seed, in a cluster). */
  public TestNode node() {
    return node(0);
  }

  /** The {@code index}th node started, 0 being the seed. */
  public TestNode node(int index) {
    if (index >= nodes.size()) {
      throw new IllegalStateException("node(" + index + "): " + nodes.size() + " nodes running (expected: called by a test)");
    }
    return nodes.get(index);
  }

  /** An apigateway client of the (first) node's management API, closed after the class. */
  public ApiGatewayClient client() {
    if (client == null) {
      client = node().client();
    }
    return client;
  }

  /** An apigatewayv2 client of the (first) node's management API, closed after the class. */
  public ApiGatewayV2Client v2Client() {
    if (v2Client == null) {
      v2Client = node().v2Client();
    }
    return v2Client;
  }

  /** An HTTP client of the (first) node's data plane. */
  public DataPlaneClient dataPlane() {
    if (dataPlane == null) {
      dataPlane = new DataPlaneClient(node().dataPlaneUri());
    }
    return dataPlane;
  }

  /** The Lambda server ({@link #withLambdaServer}). */
  public LambdaTestServer lambda() {
    if (lambda == null) {
      throw new IllegalStateException("lambda(): no Lambda server (expected: withLambdaServer(...))");
    }
    return lambda;
  }

  /** The actor system the Lambda server runs on, for more test servers beside it. */
  public ActorSystem<Void> lambdaSystem() {
    lambda();
    return lambdaSystem;
  }

  /** The HTTP backend ({@link #withBackend}). */
  public TestBackend backend() {
    if (backend == null) {
      throw new IllegalStateException("backend(): no backend (expected: withBackend())");
    }
    return backend;
  }
}
