package dev.apigw.persistence.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.persistence.directory.AccountDirectory.Kind;
import dev.apigw.persistence.testing.EntityTestKits;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.LimitExceededException;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountDirectoryTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestKits.config());

  private EventSourcedBehaviorTestKit<AccountDirectory.Command, AccountDirectory.Event, AccountDirectory.State> kit;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void fresh() {
    kit = kit(Kind.API_KEYS);
  }

  private static EventSourcedBehaviorTestKit<AccountDirectory.Command, AccountDirectory.Event, AccountDirectory.State> kit(
      Kind kind) {
    return EventSourcedBehaviorTestKit.create(
        testKit.system(), AccountDirectory.create(AccountDirectory.entityId(kind, "000000000000")));
  }

  private StatusReply<Done> register(String id) {
    return kit.<StatusReply<Done>>runCommand(r -> new AccountDirectory.Register(id, r)).reply();
  }

  private AccountDirectory.Page list(String position, int limit) {
    return kit.<StatusReply<AccountDirectory.Page>>runCommand(r -> new AccountDirectory.ListIds(position, limit, r))
        .reply()
        .getValue();
  }

  @Test
  void registersInOrderIdempotently() {
    var first = kit.<StatusReply<Done>>runCommand(r -> new AccountDirectory.Register("a", r));
    assertThat(first.event()).isEqualTo(new AccountDirectory.Registered("a"));
    register("b");
    var again = kit.<StatusReply<Done>>runCommand(r -> new AccountDirectory.Register("a", r));
    assertThat(again.reply().isSuccess()).isTrue();
    assertThat(again.hasNoEvents()).isTrue();
    assertThat(again.state().ids()).containsExactly("a", "b");
  }

  @Test
  void unregistersIdempotently() {
    register("a");
    register("b");
    var removed = kit.<StatusReply<Done>>runCommand(r -> new AccountDirectory.Unregister("a", r));
    assertThat(removed.event()).isEqualTo(new AccountDirectory.Unregistered("a"));
    assertThat(removed.state().ids()).containsExactly("b");
    assertThat(kit.<StatusReply<Done>>runCommand(r -> new AccountDirectory.Unregister("a", r)).hasNoEvents()).isTrue();
  }

  @Test
  void pagesAndListsAll() {
    List.of("a", "b", "c").forEach(this::register);
    var page1 = list(null, 2);
    assertThat(page1.ids()).containsExactly("a", "b");
    assertThat(page1.next()).isEqualTo("c");
    var page2 = list(page1.next(), 2);
    assertThat(page2.ids()).containsExactly("c");
    assertThat(page2.next()).isNull();
    var bad = kit.<StatusReply<AccountDirectory.Page>>runCommand(r -> new AccountDirectory.ListIds("zzz", 2, r));
    assertThat(bad.reply().getError()).isInstanceOf(BadRequestException.class);
    var all = kit.<StatusReply<AccountDirectory.Page>>runCommand(AccountDirectory.ListAll::new);
    assertThat(all.reply().getValue().ids()).containsExactly("a", "b", "c");
    assertThat(all.hasNoEvents()).isTrue();
  }

  @Test
  void refusesPastTheKindsLimit() {
    kit = kit(Kind.USAGE_PLANS);
    for (int i = 0; i < Kind.USAGE_PLANS.limit(); i++) {
      register("p" + i);
    }
    assertThat(register("one-too-many").getError())
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("300 usage plans");
  }

  @Test
  void refusesAnEntityIdWithoutAKind() {
    assertThatThrownBy(() -> AccountDirectory.create("000000000000")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFailedWriteRestartsTheDirectoryAndTheCommandsBehindItAreAnswered() {
    String entityId = AccountDirectory.entityId(Kind.DOMAIN_NAMES, "restart00001");
    var journal = PersistenceTestKit.create(testKit.system());
    var directory = testKit.spawn(AccountDirectory.create(entityId));
    var probe = testKit.<StatusReply<Done>>createTestProbe();
    directory.tell(new AccountDirectory.Register("a", probe.getRef()));
    assertThat(probe.receiveMessage().isSuccess()).isTrue();

    journal.failNextPersisted("AccountDirectory|" + entityId);
    directory.tell(new AccountDirectory.Register("b", probe.getRef()));
    directory.tell(new AccountDirectory.Register("c", probe.getRef()));
    // "b" failed (no answer: it may or may not be stored); "c" waited and is answered after the restart.
    assertThat(probe.receiveMessage(Duration.ofSeconds(5)).isSuccess()).isTrue();
    probe.expectNoMessage(Duration.ofMillis(300));
    var page = testKit.<StatusReply<AccountDirectory.Page>>createTestProbe();
    directory.tell(new AccountDirectory.ListAll(page.getRef()));
    assertThat(page.receiveMessage().getValue().ids()).containsExactly("a", "c");
  }

  @Test
  void recoversAfterRestart() {
    register("a");
    register("b");
    kit.<StatusReply<Done>>runCommand(r -> new AccountDirectory.Unregister("a", r));
    assertThat(kit.restart().state().ids()).containsExactly("b");
  }
}
