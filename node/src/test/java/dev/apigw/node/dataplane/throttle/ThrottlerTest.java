package dev.apigw.node.dataplane.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.apigw.node.dataplane.throttle.ThrottleBucket.Acquire;
import dev.apigw.node.dataplane.throttle.ThrottleBucket.Command;
import dev.apigw.node.dataplane.throttle.ThrottleBucket.GetStatus;
import dev.apigw.node.dataplane.throttle.ThrottleBucket.Granted;
import dev.apigw.node.dataplane.throttle.ThrottleBucket.Return;
import dev.apigw.node.dataplane.throttle.ThrottleBucket.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The node-side client against a local bucket entity (or a silent owner), with a driven clock. */
class ThrottlerTest {
  private static final long MS = 1_000_000L;
  private static final Duration NO_MORE = Duration.ofMillis(300);
  private static final ActorTestKit testKit = ActorTestKit.create(
      ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.load()));

  private final AtomicLong clock = new AtomicLong(5_000 * MS);
  private final TestProbe<Command> seen = testKit.createTestProbe(Command.class);

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static ThrottleSettings settings(Duration lease, Duration maxWait) {
    return new ThrottleSettings(lease, maxWait, 0.25, new Limit(10000, 5000), true);
  }

  /** A bucket entity that also shows every message it gets to {@link #seen}. */
  private ActorRef<Command> owner(ThrottleSettings settings) {
    return testKit.spawn(
        Behaviors.monitor(Command.class, seen.getRef(), ThrottleBucket.create("bucket", settings, clock::get)));
  }

  private Throttler throttler(ThrottleSettings settings, ActorRef<Command> owner) {
    return new Throttler(testKit.system(), settings, "node-a", id -> owner, clock::get);
  }

  private static Admission await(CompletionStage<Admission> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Admission now(CompletionStage<Admission> stage) {
    assertThat(stage.toCompletableFuture().isDone()).as("answered without waiting").isTrue();
    return stage.toCompletableFuture().join();
  }

  private Status status(ActorRef<Command> owner) {
    TestProbe<Status> probe = testKit.createTestProbe(Status.class);
    owner.tell(new GetStatus(probe.getRef()));
    return probe.receiveMessage();
  }

  @Test
  void admitsFromTheLeaseLocallyAndRemembersWhenTheOwnerHasNoTokens() throws Exception {
    var settings = settings(Duration.ofSeconds(1), Duration.ofSeconds(5));
    ActorRef<Command> owner = owner(settings);
    Throttler throttler = throttler(settings, owner);
    var limit = new Limit(100, 50);

    // The first request waits for a lease: the whole burst (a new node's share of 100/s for 1 s, capped at 50).
    assertThat(await(throttler.acquire("bucket", limit))).isEqualTo(Admission.ADMITTED);
    assertThat(seen.expectMessageClass(Acquire.class).demand()).isEqualTo(1);
    // The next 49 come from the lease without waiting; at the low-water mark (12 left) the node asks ahead.
    for (int i = 0; i < 49; i++) {
      assertThat(now(throttler.acquire("bucket", limit))).isEqualTo(Admission.ADMITTED);
    }
    assertThat(seen.expectMessageClass(Acquire.class).demand()).isEqualTo(37);
    // The owner had nothing (no time passed): rejected with the time until the next token (10 ms at 100/s) ...
    Admission rejected = await(throttler.acquire("bucket", limit));
    assertThat(rejected.admitted()).isFalse();
    assertThat(rejected.retryAfterMillis()).isBetween(1L, 10L);
    // ... and so is every request in that window, locally, without asking again.
    for (int i = 0; i < 20; i++) {
      assertThat(now(throttler.acquire("bucket", limit)).admitted()).isFalse();
    }
    seen.expectNoMessage(NO_MORE);

    clock.addAndGet(10 * MS); // one token refilled
    assertThat(await(throttler.acquire("bucket", limit))).isEqualTo(Admission.ADMITTED);
    assertThat(seen.expectMessageClass(Acquire.class).demand()).as("requests since the last ask").isEqualTo(34);
    assertThat(await(throttler.acquire("bucket", limit)).admitted()).isFalse();
    seen.expectMessageClass(Acquire.class);

    // A new limit is news for the owner: the node asks again at once, with it.
    var raised = new Limit(1000, 50);
    assertThat(await(throttler.acquire("bucket", raised)).admitted()).isFalse();
    assertThat(seen.expectMessageClass(Acquire.class).limit()).isEqualTo(raised);
    clock.addAndGet(20 * MS); // 20 tokens at the new rate
    assertThat(await(throttler.acquire("bucket", raised))).isEqualTo(Admission.ADMITTED);
  }

  @Test
  void unusedTokensGoBackWhenTheLeaseExpires() throws Exception {
    // The owner sizes leases for 10 s of demand; the node gives unused tokens back after 100 ms.
    ActorRef<Command> owner = owner(settings(Duration.ofSeconds(10), Duration.ofSeconds(5)));
    Throttler throttler = throttler(settings(Duration.ofMillis(100), Duration.ofSeconds(5)), owner);
    var limit = new Limit(10, 1000);

    for (int i = 0; i < 3; i++) {
      assertThat(await(throttler.acquire("bucket", limit))).isEqualTo(Admission.ADMITTED);
    }
    assertThat(seen.expectMessageClass(Acquire.class).demand()).isEqualTo(1);
    assertThat(status(owner).available()).as("a lease of 10/s x 10 s").isEqualTo(900);
    seen.expectMessageClass(GetStatus.class);

    clock.addAndGet(150 * MS); // 1.5 tokens refilled meanwhile
    throttler.sweep();
    assertThat(seen.expectMessageClass(Return.class).tokens()).isEqualTo(97);
    assertThat(status(owner).available()).isEqualTo(998);
    assertThat(throttler.trackedBuckets()).isEqualTo(1);
    throttler.sweep(); // no requests since the last sweep: forgotten
    assertThat(throttler.trackedBuckets()).isZero();
  }

  @Test
  void failsOpenToALocalBucketWhileTheOwnerIsSilentAndUsesLeasesAgainWhenItAnswers() throws Exception {
    var settings = settings(Duration.ofSeconds(1), Duration.ofMillis(500));
    TestProbe<Command> silent = testKit.createTestProbe(Command.class);
    Throttler throttler = new Throttler(testKit.system(), settings, "node-a", id -> silent.getRef(), clock::get);
    var limit = new Limit(0, 3); // the local bucket never refills: every admission below is counted

    assertThat(await(throttler.acquire("bucket", limit))).isEqualTo(Admission.ADMITTED);
    silent.expectMessageClass(Acquire.class);
    assertThat(now(throttler.acquire("bucket", limit))).isEqualTo(Admission.ADMITTED);
    assertThat(now(throttler.acquire("bucket", limit))).isEqualTo(Admission.ADMITTED);
    assertThat(now(throttler.acquire("bucket", limit)).admitted()).as("beyond the limit's burst").isFalse();
    silent.expectNoMessage(NO_MORE);

    clock.addAndGet(500 * MS); // one max-wait later the node asks again in the background
    assertThat(now(throttler.acquire("bucket", limit)).admitted()).isFalse();
    silent.expectMessageClass(Acquire.class).replyTo().tell(new Granted(5, false));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    boolean admitted = false;
    while (!admitted && System.nanoTime() < deadline) {
      admitted = await(throttler.acquire("bucket", limit)).admitted();
      Thread.sleep(10);
    }
    assertThat(admitted).as("the owner's lease is used once it answers").isTrue();
  }

  @Test
  void waitingRequestsAreRejectedAtOnceWhenTheGrantWasScarceAndAskAgainWhenItWasNot() throws Exception {
    var settings = settings(Duration.ofSeconds(1), Duration.ofSeconds(5));
    TestProbe<Command> owner = testKit.createTestProbe(Command.class);
    Throttler throttler = throttler(settings, owner.getRef());
    var limit = new Limit(100, 100);

    // Three requests find no lease: one ask goes out, the others wait for its answer.
    var first = throttler.acquire("bucket", limit);
    Acquire ask = owner.expectMessageClass(Acquire.class);
    var second = throttler.acquire("bucket", limit);
    var third = throttler.acquire("bucket", limit);
    assertThat(ask.waiting()).isEqualTo(1);
    // The bucket had one token for them: one is admitted, the two others are rejected without another ask.
    ask.replyTo().tell(new Granted(1, true));
    assertThat(List.of(await(first), await(second), await(third)).stream().filter(Admission::admitted).count())
        .isEqualTo(1);
    owner.expectNoMessage(NO_MORE);

    // Not scarce (the grant covered those waiting when it was asked for; more came meanwhile): they ask again.
    clock.addAndGet(2000 * MS); // the lease is gone
    var fourth = throttler.acquire("bucket", limit);
    Acquire again = owner.expectMessageClass(Acquire.class);
    var fifth = throttler.acquire("bucket", limit);
    again.replyTo().tell(new Granted(1, false));
    Acquire more = owner.expectMessageClass(Acquire.class);
    assertThat(more.waiting()).as("the request left over").isEqualTo(1);
    more.replyTo().tell(new Granted(1, false));
    assertThat(await(fourth).admitted()).isTrue();
    assertThat(await(fifth).admitted()).isTrue();
  }

  @Test
  void aRequestWhoseWaitEndsWhileTheOwnerStillHasTokensIsDecidedLocallyNotRefused() throws Exception {
    var settings = settings(Duration.ofSeconds(1), Duration.ofMillis(500));
    TestProbe<Command> owner = testKit.createTestProbe(Command.class);
    Throttler throttler = throttler(settings, owner.getRef());
    var limit = new Limit(100, 100);

    var first = throttler.acquire("bucket", limit);
    Acquire ask = owner.expectMessageClass(Acquire.class);
    var second = throttler.acquire("bucket", limit);
    // The answer comes after the requests' wait is over (a busy node), with one token and plenty left in the bucket.
    clock.addAndGet(600 * MS);
    ask.replyTo().tell(new Granted(1, false));
    assertThat(await(first).admitted()).isTrue();
    assertThat(await(second).admitted()).as("the bucket has tokens: no 429").isTrue();

    // A scarce grant still refuses the request left over.
    clock.addAndGet(2000 * MS); // the lease is gone
    var third = throttler.acquire("bucket", limit);
    Acquire again = owner.expectMessageClass(Acquire.class);
    var fourth = throttler.acquire("bucket", limit);
    clock.addAndGet(600 * MS);
    again.replyTo().tell(new Granted(1, true));
    assertThat(List.of(await(third), await(fourth)).stream().filter(Admission::admitted).count()).isEqualTo(1);
  }

  @Test
  void aNodeThatFailsOpenEnforcesItsShareOfTheLimit() throws Exception {
    var settings = settings(Duration.ofSeconds(1), Duration.ofMillis(500));
    TestProbe<Command> silent = testKit.createTestProbe(Command.class);
    // Three nodes in the cluster: this one may admit a third of the burst on its own.
    Throttler throttler =
        new Throttler(testKit.system(), settings, "node-a", id -> silent.getRef(), clock::get, () -> 3);
    var limit = new Limit(0, 9);

    assertThat(await(throttler.acquire("bucket", limit))).isEqualTo(Admission.ADMITTED);
    silent.expectMessageClass(Acquire.class);
    assertThat(now(throttler.acquire("bucket", limit))).isEqualTo(Admission.ADMITTED);
    assertThat(now(throttler.acquire("bucket", limit))).isEqualTo(Admission.ADMITTED);
    assertThat(now(throttler.acquire("bucket", limit)).admitted()).as("beyond a third of the burst").isFalse();
  }
}
