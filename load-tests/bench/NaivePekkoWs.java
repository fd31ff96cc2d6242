import com.typesafe.config.ConfigFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The reference point "what a Pekko HTTP WebSocket connection itself costs" for the WebSocket
 * benchmark: a server that accepts every upgrade and holds the socket with the cheapest handler
 * (inbound ignored, outbound open until the client leaves), nothing else. Run from a built checkout:
 * {@code java -cp "$(cat node/target/runtime-classpath.txt)" load-tests/bench/NaivePekkoWs.java HOST PORT}.
 */
public final class NaivePekkoWs {
  public static void main(String[] args) {
    var config = ConfigFactory.parseString("""
        pekko.actor.provider = local
        pekko.http.server.idle-timeout = infinite
        pekko.http.server.max-connections = 100000
        """).withFallback(ConfigFactory.defaultReference()).resolve();
    var system = ActorSystem.create(Behaviors.empty(), "naive-ws", config);
    // One blueprint for every connection: only materialization is per connection.
    Flow<Message, Message, ?> handler = Flow.fromSinkAndSourceCoupled(Sink.ignore(), Source.maybe());
    Function<HttpRequest, CompletionStage<HttpResponse>> serve = request -> CompletableFuture.completedFuture(
        request.getAttribute(AttributeKeys.webSocketUpgrade)
            .map(upgrade -> upgrade.handleMessagesWith(handler))
            .orElseGet(() -> HttpResponse.create().withStatus(400)));
    Http.get(system).newServerAt(args[0], Integer.parseInt(args[1])).bind(serve);
  }
}
