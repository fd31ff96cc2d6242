package dev.apigw.node.dataplane.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.apigw.node.dataplane.throttle.ThrottleBucket.Acquire;
import dev.apigw.node.dataplane.throttle.ThrottleBucket.GetStatus;
import dev.apigw.node.dataplane.throttle.ThrottleBucket.Granted;
import dev.apigw.node.dataplane.throttle.ThrottleBucket.Refused;
import dev.apigw.node.dataplane.throttle.ThrottleBucket.Reply;
import dev.apigw.node.dataplane.throttle.ThrottleBucket.Return;
import dev.apigw.node.dataplane.throttle.ThrottleBucket.Status;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bucket entity on its own, with a driven clock. Messages are serialized on every send (as between nodes), so
 * the CBOR binding is checked too.
 */
class ThrottleBucketTest {
  private static final long MS = 1_000_000L;
  private static final ThrottleSettings SETTINGS =
      new ThrottleSettings(Duration.ofSeconds(1), Duration.ofMillis(250), 0.25, new Limit(10000, 5000), true);
  private static final ActorTestKit testKit = ActorTestKit.create(ConfigFactory.parseString(
          "pekko.actor.provider = local\npekko.actor.serialize-messages = on")
      .withFallback(ConfigFactory.load()));

  private final AtomicLong clock = new AtomicLong(1_000 * MS);
  private TestProbe<Reply> replies;
  private int buckets;

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void probe() {
    replies = testKit.createTestProbe(Reply.class);
  }

  private ActorRef<ThrottleBucket.Command> bucket() {
    return testKit.spawn(ThrottleBucket.create("bucket-" + ++buckets, SETTINGS, clock::get));
  }

  private Reply acquire(ActorRef<ThrottleBucket.Command> bucket, String node, Limit limit, long demand) {
    bucket.tell(new Acquire(node, limit, demand, 0, replies.getRef()));
    return replies.receiveMessage();
  }

  private Status status(ActorRef<ThrottleBucket.Command> bucket) {
    TestProbe<Status> probe = testKit.createTestProbe(Status.class);
    bucket.tell(new GetStatus(probe.getRef()));
    return probe.receiveMessage();
  }

  @Test
  void grantsLeasesSizedToDemandAndTakesThemOutOfTheBucket() {
    var bucket = bucket();
    var limit = new Limit(100, 50);
    assertThat(status(bucket)).isEqualTo(new Status(null, 0, 0));
    // A new node starts at the rate's share (100/s for one lease second = 100), capped by what is there.
    assertThat(acquire(bucket, "a", limit, 1)).isEqualTo(new Granted(50, true));
    assertThat(status(bucket)).isEqualTo(new Status(limit, 0, 1));
    clock.addAndGet(100 * MS); // 10 tokens refilled
    assertThat(acquire(bucket, "a", limit, 10)).isEqualTo(new Granted(10, true));
  }

  @Test
  void refusesWhenEmptyWithTheTimeUntilTheNextToken() {
    var bucket = bucket();
    var limit = new Limit(200, 4);
    assertThat(acquire(bucket, "a", limit, 1000)).isEqualTo(new Granted(4, true));
    assertThat(acquire(bucket, "a", limit, 1000)).isEqualTo(new Refused(5)); // 1 token per 5 ms
    clock.addAndGet(2 * MS);
    assertThat(acquire(bucket, "a", limit, 1000)).isEqualTo(new Refused(3));
    clock.addAndGet(4 * MS);
    assertThat(acquire(bucket, "a", limit, 1000)).isEqualTo(new Granted(1, true));
  }

  @Test
  void splitsScarceTokensByShareOfTraffic() {
    var bucket = bucket();
    var limit = new Limit(10, 1000);
    // b and c arrive first with modest demand, then a with nine times b's traffic over the same second
    acquire(bucket, "b", limit, 1);
    acquire(bucket, "c", limit, 1);
    clock.addAndGet(1000 * MS);
    acquire(bucket, "b", limit, 100);
    acquire(bucket, "c", limit, 100);
    long before = status(bucket).available();
    var granted = (Granted) acquire(bucket, "a", limit, 900);
    assertThat(before).isGreaterThan(100);
    // a's estimate starts from its demand over one time constant: 900/s of about 900 + 2 x ~70 in total
    assertThat(granted.tokens()).isBetween(before * 8 / 10, before * 9 / 10);
  }

  @Test
  void aNodeWithAThirdOfTheTrafficIsRefusedForThreeTokensTime() {
    var bucket = bucket();
    var limit = new Limit(200, 50);
    acquire(bucket, "a", limit, 1); // each new node starts at its equal share of the rate
    acquire(bucket, "b", limit, 1);
    acquire(bucket, "c", limit, 1);
    clock.addAndGet(1000 * MS);
    for (String node : new String[] {"a", "b", "c"}) {
      acquire(bucket, node, limit, 1000);
    }
    while (acquire(bucket, "a", limit, 0) instanceof Granted) {
      // drain
    }
    // b has about a third of the traffic: it comes back when 3 to 4 tokens (5 ms each) are there, not after one
    var refused = (Refused) acquire(bucket, "b", limit, 0);
    assertThat(refused.retryAfterMillis()).isBetween(15L, 20L);
  }

  @Test
  void aLeaseCoversTheRequestsWaitingForItWhenTheBucketHasThem() {
    var bucket = bucket();
    var limit = new Limit(10, 100);
    TestProbe<Reply> replies = testKit.createTestProbe(Reply.class);
    // A new node's demand estimate is its share of 10/s, but 40 of its requests are waiting: it gets 40.
    bucket.tell(new Acquire("a", limit, 40, 40, replies.getRef()));
    assertThat(replies.receiveMessage()).isEqualTo(new Granted(40, false));
    // With fewer tokens than requests waiting, the grant says so: those left over are rejected, not kept waiting.
    bucket.tell(new Acquire("a", limit, 100, 100, replies.getRef()));
    assertThat(replies.receiveMessage()).isEqualTo(new Granted(60, true));
  }

  @Test
  void takesBackUnusedTokensCappedAtBurst() {
    var bucket = bucket();
    var limit = new Limit(1, 100);
    assertThat(acquire(bucket, "a", limit, 1)).isEqualTo(new Granted(1, false)); // 1/s for one second
    assertThat(acquire(bucket, "b", limit, 1)).isEqualTo(new Granted(1, false));
    bucket.tell(new Return("a", limit, 1));
    assertThat(status(bucket).available()).isEqualTo(99);
    bucket.tell(new Return("b", limit, 1000)); // more than was ever leased: still only a full bucket
    assertThat(status(bucket).available()).isEqualTo(100);
  }

  @Test
  void adoptsTheNewestLimitSentWithAnyCommand() {
    var bucket = bucket();
    assertThat(acquire(bucket, "a", new Limit(0, 10), 1000)).isEqualTo(new Granted(10, true));
    assertThat(acquire(bucket, "a", new Limit(0, 10), 1000)).isEqualTo(new Refused(60_000));
    // the configured limit was raised: the bucket refills at the new rate from now on
    assertThat(acquire(bucket, "a", new Limit(1000, 10), 1000)).isInstanceOf(Refused.class);
    clock.addAndGet(10 * MS);
    assertThat(acquire(bucket, "a", new Limit(1000, 10), 1000)).isEqualTo(new Granted(10, true));
    // lowered: the bucket shrinks to the new burst at once
    clock.addAndGet(1000 * MS);
    bucket.tell(new Return("a", new Limit(1000, 3), 0));
    assertThat(status(bucket)).isEqualTo(new Status(new Limit(1000, 3), 3, 1));
  }

  @Test
  void forgetsNodesThatStoppedAsking() {
    var bucket = bucket();
    var limit = new Limit(100, 100);
    acquire(bucket, "a", limit, 1);
    acquire(bucket, "b", limit, 1);
    assertThat(status(bucket).nodes()).isEqualTo(2);
    clock.addAndGet(ThrottleBucket.FORGET_AFTER_LEASES * 1000 * MS + MS);
    acquire(bucket, "b", limit, 1);
    assertThat(status(bucket).nodes()).isEqualTo(1);
  }
}
