package dev.apigw.node.dataplane.edge;

import dev.apigw.node.http.OwnBackend;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.http.javadsl.model.HttpProtocols;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.scaladsl.model.headers.Connection;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.BidiShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.stream.stage.TimerGraphStageLogic;

/**
 * A client connection's requests through the handler, in order, up to {@code parallelism} at a time (what
 * {@code mapAsync} did), and the connection's {@link OwnBackend}: a backend connection joined to this stage by plain
 * ports ({@code toBackend} / {@code fromBackend}, Pekko's client layer on a TCP stage that connects when the first
 * request names its address, through {@link LazyConnector}). While the handler runs here, an integration request it
 * sends synchronously is pushed to the backend in the same call, and the response comes back as this stage's own
 * event: no hand-off between actors. The own connection takes one request at a time, to one address, and once closed
 * stays closed (its requests then go through the pool); a client connection whose first request announces it is the
 * last ({@code Connection: close}, an upgrade, or HTTP/1.0 without keep-alive) gets none. Without a
 * connector there is no own connection: the backend ports are joined to nothing and every request goes pooled.
 *
 * <p>It also keeps the whole-request backstop (the server's request-timeout): a request still unanswered after it is
 * answered with {@code timedOut}'s response, and its late answer discarded. One periodic check per busy connection
 * (stopped while it is idle) instead of a timer set and cancelled for every request.
 */
final class ExchangeStage extends GraphStage<BidiShape<HttpRequest, HttpRequest, HttpResponse, HttpResponse>> {
  private static final String BACKSTOP = "backstop";
  private static final long MIN_CHECK_NANOS = Duration.ofMillis(100).toNanos();
  private static final long MAX_CHECK_NANOS = Duration.ofSeconds(5).toNanos();

  private final Inlet<HttpRequest> requests = Inlet.create("Exchange.requests");
  private final Outlet<HttpRequest> toBackend = Outlet.create("Exchange.toBackend");
  private final Inlet<HttpResponse> fromBackend = Inlet.create("Exchange.fromBackend");
  private final Outlet<HttpResponse> responses = Outlet.create("Exchange.responses");
  private final BidiShape<HttpRequest, HttpRequest, HttpResponse, HttpResponse> shape =
      BidiShape.of(requests, toBackend, fromBackend, responses);

  private final int parallelism;
  private final Function<HttpRequest, CompletableFuture<HttpResponse>> handler;
  private final ActorRef connector;
  private final String token;
  /** The backstop in nanoseconds; 0 for none. */
  private final long timeoutNanos;
  private final Supplier<HttpResponse> timedOut;

  /**
   * @param handler the response to a request; it never fails (failures are answered)
   * @param connector the {@link LazyConnector} the backend side's TCP stage sent its {@code Connect} to; null when
   *     the connection has no own backend connection (its backend ports are joined to nothing)
   * @param token the placeholder host name of that {@code Connect}
   * @param requestTimeout the whole-request backstop, or null for none
   * @param timedOut the answer to a request that met it
   */
  ExchangeStage(int parallelism, Function<HttpRequest, CompletableFuture<HttpResponse>> handler, ActorRef connector,
      String token, Duration requestTimeout, Supplier<HttpResponse> timedOut) {
    this.parallelism = parallelism;
    this.handler = handler;
    this.connector = connector;
    this.token = token;
    this.timeoutNanos = requestTimeout == null ? 0 : requestTimeout.toNanos();
    this.timedOut = timedOut;
  }

  @Override
  public BidiShape<HttpRequest, HttpRequest, HttpResponse, HttpResponse> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes attributes) {
    return new Logic();
  }

  /** A request's answer to come, and since when it is awaited (System.nanoTime). */
  private static final class Pending {
    final CompletableFuture<HttpResponse> answer;
    final long since;
    /** Whether the backstop answered it already. */
    boolean timedOut;

    Pending(CompletableFuture<HttpResponse> answer, long since) {
      this.answer = answer;
      this.since = since;
    }
  }

  /**
   * Whether {@code request} says it is its connection's last HTTP request: {@code Connection: close}, an upgrade (a
   * WebSocket connection holds its own backend connection as long as it stays open, for nothing), or HTTP/1.0
   * without keep-alive.
   */
  static boolean announcesLast(HttpRequest request) {
    // Pekko always models Connection (even with modeled-header-parsing off); tokens compare case-insensitively.
    Optional<Connection> connection = request.getHeader(Connection.class);
    if (connection.isPresent() && (connection.get().hasClose() || connection.get().hasUpgrade())) {
      return true;
    }
    return request.protocol().equals(HttpProtocols.HTTP_1_0)
        && !(connection.isPresent() && connection.get().hasKeepAlive());
  }

  private final class Logic extends TimerGraphStageLogic implements OwnBackend {
    /** The handler's answers, oldest first. */
    private final ArrayDeque<Pending> answers = new ArrayDeque<>();
    /** Whether a request came since the backstop's last round. */
    private boolean busySinceCheck;
    private final AsyncCallback<Void> answeredElsewhere = createAsyncCallback(ignored -> pushAnswers());
    /** The own connection's address once a request chose it. */
    private InetSocketAddress address;
    private boolean backendClosed;
    /** Whether a request came already (the first one decides oneShot). */
    private boolean started;
    /** The first request announced it is the connection's last (see announcesLast): no own connection. */
    private boolean oneShot;
    /** The request on the own connection and its answer; null when idle. */
    private HttpRequest unsent;
    private CompletableFuture<HttpResponse> onBackend;

    Logic() {
      super(shape);
      setHandler(requests, new AbstractInHandler() {
        @Override
        public void onPush() {
          HttpRequest request = grab(requests);
          if (!started) {
            started = true;
            oneShot = announcesLast(request);
          }
          CompletableFuture<HttpResponse> answered = OwnBackend.within(Logic.this, () -> handler.apply(request));
          answers.add(new Pending(answered, timeoutNanos > 0 ? System.nanoTime() : 0));
          if (timeoutNanos > 0) {
            busySinceCheck = true;
            if (!isTimerActive(BACKSTOP)) {
              long check = Math.max(MIN_CHECK_NANOS, Math.min(MAX_CHECK_NANOS, timeoutNanos / 4));
              scheduleWithFixedDelay(BACKSTOP, Duration.ofNanos(check), Duration.ofNanos(check));
            }
          }
          if (!answered.isDone()) {
            // Completed later: here (the backend's answer, while this stage runs) or on another thread.
            answered.whenComplete((response, failure) -> {
              if (OwnBackend.current() != Logic.this) {
                answeredElsewhere.invoke(null);
              }
            });
          }
          pushAnswers();
        }

        @Override
        public void onUpstreamFinish() {
          if (answers.isEmpty()) {
            completeStage();
          }
        }
      });
      setHandler(responses, new AbstractOutHandler() {
        @Override
        public void onPull() {
          pushAnswers();
        }
      });
      setHandler(toBackend, new AbstractOutHandler() {
        @Override
        public void onPull() {
          if (unsent != null) {
            HttpRequest request = unsent;
            unsent = null;
            push(toBackend, request);
          }
        }

        @Override
        public void onDownstreamFinish(Throwable cause) {
          // No new requests; one in flight learns why from fromBackend, which ends with the connection's failure.
          backendClosed = true;
          unsent = null;
        }
      });
      setHandler(fromBackend, new AbstractInHandler() {
        @Override
        public void onPush() {
          HttpResponse response = grab(fromBackend);
          pull(fromBackend);
          CompletableFuture<HttpResponse> answer = onBackend;
          onBackend = null;
          if (answer == null) {
            // Not asked for (cannot happen with HTTP/1.1); drop it and stop using the connection.
            response.discardEntityBytes(materializer());
            backendGone(null);
            return;
          }
          OwnBackend.within(Logic.this, () -> answer.complete(response));
          pushAnswers();
        }

        @Override
        public void onUpstreamFinish() {
          backendGone(null);
        }

        @Override
        public void onUpstreamFailure(Throwable cause) {
          backendGone(cause);
        }
      });
    }

    @Override
    public void preStart() {
      pull(requests);
      pull(fromBackend);
    }

    /** The backstop's round: answers what waited too long, and stops checking once the connection is idle. */
    @Override
    public void onTimer(Object key) {
      long now = System.nanoTime();
      Materializer materializer = materializer();
      for (Pending pending : answers) {
        if (now - pending.since < timeoutNanos) {
          break; // the rest came later
        }
        if (!pending.timedOut && !pending.answer.isDone()) {
          pending.timedOut = true;
          // A late answer's body is discarded so its backend connection is freed.
          pending.answer.thenAccept(late -> late.discardEntityBytes(materializer));
        }
      }
      pushAnswers();
      if (answers.isEmpty() && !busySinceCheck) {
        cancelTimer(BACKSTOP);
      }
      busySinceCheck = false;
    }

    @Override
    public void postStop() {
      if (connector != null && address == null) {
        // The backend side's TCP stage still waits for its address: release it.
        connector.tell(new LazyConnector.Forget(token), ActorRef.noSender());
      }
      if (onBackend != null) {
        // Not ClosedBeforeResponse: with the client gone, the request is not worth sending again.
        onBackend.completeExceptionally(new CancellationException("the client connection closed"));
      }
    }

    @Override
    public CompletableFuture<HttpResponse> trySend(HttpRequest request, String host, int port) {
      // Not for a client that says it sends one request on its connection: it would cost a backend connection set up
      // and torn down per request, where the pool keeps its connections (measured with Connection: close,
      // load-tests/README.md). Any other client's first request opens it: it would at the second anyway, and a
      // burst of new connections' first requests through the pool made the pool open that many connections too
      // (load-tests/README.md, "Connection churn in the warm-up").
      if (connector == null || oneShot || backendClosed || onBackend != null || OwnBackend.current() != this) {
        return null;
      }
      if (address == null) {
        address = InetSocketAddress.createUnresolved(host, port);
        connector.tell(new LazyConnector.Resolve(token, address), ActorRef.noSender());
      } else if (port != address.getPort() || !host.equals(address.getHostString())) {
        return null;
      }
      onBackend = new CompletableFuture<>();
      if (isAvailable(toBackend)) {
        push(toBackend, request);
      } else {
        unsent = request;
      }
      return onBackend;
    }

    private void backendGone(Throwable cause) {
      backendClosed = true;
      unsent = null;
      if (onBackend != null) {
        CompletableFuture<HttpResponse> answer = onBackend;
        onBackend = null;
        OwnBackend.within(Logic.this, () -> answer.completeExceptionally(new ClosedBeforeResponse(cause)));
        pushAnswers();
      }
    }

    /** Pushes the oldest answer when it is there and wanted; pulls the next request when there is room. */
    private void pushAnswers() {
      Pending oldest = answers.peek();
      if (oldest != null && (oldest.timedOut || oldest.answer.isDone()) && isAvailable(responses)) {
        answers.poll();
        push(responses, oldest.timedOut ? timedOut.get() : oldest.answer.join());
      }
      if (isClosed(requests)) {
        if (answers.isEmpty()) {
          completeStage();
        }
      } else if (answers.size() < parallelism && !hasBeenPulled(requests)) {
        pull(requests);
      }
    }
  }
}
