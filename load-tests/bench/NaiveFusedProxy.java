import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.stream.javadsl.Flow;

/**
 * The other reference point beside {@code NaivePekkoProxy}: a Pekko HTTP server in which every client connection's
 * stream has its own backend connection ({@code Http.connectionTo(host).toPort(port).http()}) joined in, so a request
 * goes from the client's connection to the backend's and back inside one fused stream (one actor), without Pekko's
 * host connection pool (a stream and an actor of its own, which {@code Http.singleRequest} hands each request to and
 * back from). It cannot route (the backend is fixed when the client connects) and is no gateway; it shows what Pekko
 * HTTP costs without the pool's hand-offs. Run like the naive proxy:
 * {@code java -cp "$(cat node/target/runtime-classpath.txt)" load-tests/bench/NaiveFusedProxy.java PORT BACKEND_PORT}.
 */
public final class NaiveFusedProxy {
  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    int backendPort = Integer.parseInt(args[1]);
    var config = ConfigFactory.parseString("""
        pekko.actor.provider = local
        pekko.http.server.server-header = ""
        """).withFallback(ConfigFactory.defaultReference()).resolve();
    var system = ActorSystem.create(Behaviors.empty(), "naive-fused-proxy", config);
    var http = Http.get(system);
    Flow<HttpRequest, HttpResponse, ?> perConnection = Flow.<HttpRequest>create()
        .map(request -> HttpRequest.create(request.getUri().path()))
        .via(http.connectionTo("127.0.0.1").toPort(backendPort).http());
    http.newServerAt("127.0.0.1", port).bindFlow(perConnection)
        .thenAccept(b -> System.out.println("naive fused Pekko proxy on " + b.localAddress() + " -> 127.0.0.1:" + backendPort));
  }
}
