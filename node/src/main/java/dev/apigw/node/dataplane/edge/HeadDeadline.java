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
    return new TimerGraphStageLogic(shape) {
      private boolean seenFirst;

      {
        setHandler(in, new AbstractInHandler() {
          @Override
          public void onPush() {
            cancelTimer(TIMER);
            seenFirst = true;
            push(out, grab(in));
          }
        });
        setHandler(out, new AbstractOutHandler() {
          @Override
          public void onPull() {
            if (seenFirst && !upgraded.getAsBoolean()) {
              scheduleOnce(TIMER, next);
            }
            pull(in);
          }
        });
      }

      @Override
      public void preStart() {
        scheduleOnce(TIMER, first);
      }

      @Override
      public void onTimer(Object key) {
        if (!upgraded.getAsBoolean()) {
          onTimeout.run();
          completeStage();
        }
      }
    };
  }
}
