package dev.apigw.node.dataplane.integration.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The gateway's own AWS identity, found as the AWS SDKs find it: an explicit key pair from the settings, else the
 * SDK's default chain (system properties, {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}/{@code
 * AWS_SESSION_TOKEN}, web identity, {@code ~/.aws/credentials} and {@code ~/.aws/config} with {@code AWS_PROFILE},
 * container and instance metadata). When the chain finds nothing the gateway signs with {@code test}/{@code test},
 * what local AWS-compatible servers accept, and says so once in the log.
 *
 * <p>The chain may read files and call metadata endpoints, so it runs on {@code blocking}, never on the caller's
 * thread; its answer is kept until shortly before it expires (at most {@link #REFRESH} for credentials that do not).
 */
public final class GatewayCredentials {
  private static final Logger log = LoggerFactory.getLogger(GatewayCredentials.class);
  /** How long credentials without an expiry are kept before the chain is asked again (profiles may change). */
  static final Duration REFRESH = Duration.ofMinutes(10);
  /** What local AWS-compatible servers (and the gateway's own defaults) accept. */
  static final AwsCredentialsIdentity LOCAL = AwsBasicCredentials.create("test", "test");

  private record Cached(CompletableFuture<AwsCredentialsIdentity> identity, Instant renewAt) {}

  private final AwsCredentialsProvider chain;
  private final Executor blocking;
  private final Clock clock;
  private final AtomicReference<Cached> cached = new AtomicReference<>();
  private volatile boolean warnedLocal;

  private GatewayCredentials(AwsCredentialsProvider chain, AwsCredentialsIdentity fixed, Executor blocking, Clock clock) {
    this.chain = chain;
    this.blocking = blocking;
    this.clock = clock;
    if (fixed != null) {
      cached.set(new Cached(CompletableFuture.completedFuture(fixed), Instant.MAX));
    }
  }

  /** The explicit key pair of {@code settings} when it has one, else the default chain run on {@code blocking}. */
  public static GatewayCredentials from(AwsSettings settings, Executor blocking) {
    if (settings.explicitKeys()) {
      return fixed(settings.sessionToken().isEmpty()
          ? AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())
          : AwsSessionCredentials.create(settings.accessKeyId(), settings.secretAccessKey(), settings.sessionToken()));
    }
    return new GatewayCredentials(DefaultCredentialsProvider.builder().build(), null, blocking, Clock.systemUTC());
  }

  /** Always {@code identity}. */
  public static GatewayCredentials fixed(AwsCredentialsIdentity identity) {
    return new GatewayCredentials(null, identity, Runnable::run, Clock.systemUTC());
  }

  /** The current credentials; completes at once while the cached ones are fresh. */
  public CompletionStage<AwsCredentialsIdentity> current() {
    Cached now = cached.get();
    if (now != null && (chain == null || clock.instant().isBefore(now.renewAt()))) {
      return now.identity();
    }
    CompletableFuture<AwsCredentialsIdentity> fresh = new CompletableFuture<>();
    Cached next = new Cached(fresh, Instant.MAX);
    if (!cached.compareAndSet(now, next)) {
      return current(); // another caller is fetching them: share its answer
    }
    CompletableFuture.supplyAsync(this::resolve, blocking).whenComplete((identity, failure) -> {
      Instant renewAt = identity == null || identity == LOCAL ? clock.instant().plus(Duration.ofMinutes(1))
          : identity.expirationTime().map(t -> t.minus(AwsSettings.RENEW_BEFORE_EXPIRY))
              .orElse(clock.instant().plus(REFRESH));
      cached.compareAndSet(next, new Cached(fresh, renewAt));
      if (failure != null) {
        fresh.completeExceptionally(failure);
      } else {
        fresh.complete(identity);
      }
    });
    return fresh;
  }

  private AwsCredentialsIdentity resolve() {
    try {
      return chain.resolveCredentials();
    } catch (RuntimeException e) {
      if (!warnedLocal) {
        warnedLocal = true;
        log.warn("No AWS credentials found by the default chain ({}); AWS integrations sign with test/test, which only"
            + " local AWS-compatible servers accept. Set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or"
            + " GATEWAY_AWS_ACCESS_KEY_ID/GATEWAY_AWS_SECRET_ACCESS_KEY to call AWS.", firstLine(e.getMessage()));
      }
      return LOCAL;
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "no detail";
    }
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
