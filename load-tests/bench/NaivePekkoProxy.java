import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.japi.function.Function;

/**
 * The reference point "what Pekko HTTP itself costs" for the REST data-plane benchmark: the naive
 * proxy of STACK.md's table, a server whose handler forwards every request with
 * {@code Http.singleRequest} to the backend and returns its response, nothing else (no routing,
 * metrics, ids or mapping). Run from a built checkout with the node's runtime classpath:
 * {@code java -cp "$(cat node/target/runtime-classpath.txt)" load-tests/bench/NaivePekkoProxy.java PORT BACKEND_URL}.
 * Only the reference configuration is loaded, never the gateway's application.conf.
 */
public final class NaivePekkoProxy {
  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    String backend = args[1];
    var config = ConfigFactory.parseString("""
        pekko.actor.provider = local
        pekko.http.host-connection-pool.max-connections = 128
        pekko.http.host-connection-pool.max-open-requests = 4096
        pekko.http.server.server-header = ""
        """).withFallback(ConfigFactory.defaultReference()).resolve();
    var system = ActorSystem.create(Behaviors.empty(), "naive-proxy", config);
    var http = Http.get(system);
    Function<HttpRequest, CompletionStage<HttpResponse>> forward =
        request -> http.singleRequest(HttpRequest.create(backend + request.getUri().path()));
    http.newServerAt("127.0.0.1", port)
        .bind(forward)
        .thenAccept(b -> System.out.println("naive Pekko proxy on " + b.localAddress() + " -> " + backend));
  }
}
