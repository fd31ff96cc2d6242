package dev.apigw.node.dataplane.edge;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.stream.stage.TimerGraphStageLogic;

/**
 * On one connection's stream of parsed requests: the first request must arrive within {@code first} of the
 * connection opening, and each next one within {@code next} of the handler asking for it (that is, once the previous
 * response went out). Otherwise the request stream completes, which makes Pekko HTTP close the connection after any
 * response being written. Pekko's idle-timeout starts again with every byte, so a client trickling a request head
 * byte by byte holds a connection for ever; a request is emitted here only once its head is complete, so this
 * deadline holds whatever the client trickles. Once {@code upgraded} says the connection became a WebSocket, no
 * deadline applies any more.
 */
final class HeadDeadline extends GraphStage<FlowShape<HttpRequest, HttpRequest>> {
  private static final String TIMER = "head";
  private static final Duration MIN_CHECK = Duration.ofMillis(100);
  private static final Duration MAX_CHECK = Duration.ofSeconds(5);
  private final Inlet<HttpRequest> in = Inlet.create("HeadDeadline.in");
  private final Outlet<HttpRequest> out = Outlet.create("HeadDeadline.out");
  private final FlowShape<HttpRequest, HttpRequest> shape = FlowShape.of(in, out);
  private final Duration first;
  private final Duration next;
  private final BooleanSupplier upgraded;
  private final Runnable onTimeout;

  HeadDeadline(Duration first, Duration next, BooleanSupplier upgraded, Runnable onTimeout) {
    this.first = first;
    this.next = next;
    this.upgraded = upgraded;
    this.onTimeout = onTimeout;
  }

  @Override
  public FlowShape<HttpRequest, HttpRequest> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes inheritedAttributes) {
    // One periodic check per connection instead of a timer cancelled and scheduled again for every request: the
    // per-request timer showed in the proxy benchmark. A deadline is enforced within a quarter of its length.
    Duration period = first.compareTo(next) < 0 ? first.dividedBy(4) : next.dividedBy(4);
    Duration check = period.compareTo(MIN_CHECK) < 0 ? MIN_CHECK : period.compareTo(MAX_CHECK) > 0 ? MAX_CHECK : period;
    long firstNanos = first.toNanos();
    long nextNanos = next.toNanos();
    return new TimerGraphStageLogic(shape) {
      private boolean seenFirst;
      // Since when a request head is awaited (System.nanoTime), or -1 while one is being served.
      private long waitingSince;

      {
        setHandler(in, new AbstractInHandler() {
          @Override
          public void onPush() {
            waitingSince = -1;
            seenFirst = true;
            push(out, grab(in));
          }
        });
        setHandler(out, new AbstractOutHandler() {
          @Override
          public void onPull() {
            if (seenFirst) {
              waitingSince = System.nanoTime();
            }
            pull(in);
          }
        });
      }

      @Override
      public void preStart() {
        waitingSince = System.nanoTime();
        scheduleWithFixedDelay(TIMER, check, check);
      }

      @Override
      public void onTimer(Object key) {
        if (upgraded.getAsBoolean()) {
          cancelTimer(TIMER);
          return;
        }
        long since = waitingSince;
        if (since >= 0 && System.nanoTime() - since > (seenFirst ? nextNanos : firstNanos)) {
          onTimeout.run();
          completeStage();
        }
      }
    };
  }
}
