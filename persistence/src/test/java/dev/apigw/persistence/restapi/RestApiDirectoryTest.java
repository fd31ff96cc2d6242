package dev.apigw.persistence.restapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.LimitExceededException;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestApiDirectoryTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestKits.config());

  private EventSourcedBehaviorTestKit<RestApiDirectory.Command, RestApiDirectory.Event, RestApiDirectory.State> kit;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void fresh() {
    kit = EventSourcedBehaviorTestKit.create(testKit.system(), RestApiDirectory.create("000000000000"));
  }

  private StatusReply<Done> register(String id) {
    return kit.<StatusReply<Done>>runCommand(r -> new RestApiDirectory.Register(id, r)).reply();
  }

  private StatusReply<RestApiDirectory.Page> list(String position, int limit) {
    return kit.<StatusReply<RestApiDirectory.Page>>runCommand(r -> new RestApiDirectory.ListIds(position, limit, r))
        .reply();
  }

  @Test
  void registersInOrderAndIsIdempotent() {
    var first = kit.<StatusReply<Done>>runCommand(r -> new RestApiDirectory.Register("a", r));
    assertThat(first.event()).isEqualTo(new RestApiDirectory.Registered("a"));
    register("b");
    var again = kit.<StatusReply<Done>>runCommand(r -> new RestApiDirectory.Register("a", r));
    assertThat(again.reply().isSuccess()).isTrue();
    assertThat(again.hasNoEvents()).isTrue();
    assertThat(again.state().apiIds()).containsExactly("a", "b");
  }

  @Test
  void unregisterRemovesAndIsIdempotent() {
    register("a");
    register("b");
    var removed = kit.<StatusReply<Done>>runCommand(r -> new RestApiDirectory.Unregister("a", r));
    assertThat(removed.event()).isEqualTo(new RestApiDirectory.Unregistered("a"));
    assertThat(removed.state().apiIds()).containsExactly("b");
    var again = kit.<StatusReply<Done>>runCommand(r -> new RestApiDirectory.Unregister("a", r));
    assertThat(again.hasNoEvents()).isTrue();
  }

  @Test
  void pagesWithPositions() {
    for (String id : List.of("a", "b", "c", "d", "e")) {
      register(id);
    }
    var page1 = list(null, 2).getValue();
    assertThat(page1.apiIds()).containsExactly("a", "b");
    assertThat(page1.next()).isEqualTo("c");
    var page2 = list(page1.next(), 2).getValue();
    assertThat(page2.apiIds()).containsExactly("c", "d");
    var page3 = list(page2.next(), 2).getValue();
    assertThat(page3.apiIds()).containsExactly("e");
    assertThat(page3.next()).isNull();
    assertThat(list("zzz", 2).getError()).isInstanceOf(BadRequestException.class);
  }

  @Test
  void refusesPastTheAccountLimit() {
    for (int i = 0; i < RestApiDirectory.MAX_APIS; i++) {
      register("id" + i);
    }
    assertThat(register("one-too-many").getError()).isInstanceOf(LimitExceededException.class);
  }

  @Test
  void recoversAfterRestart() {
    register("a");
    register("b");
    kit.<StatusReply<Done>>runCommand(r -> new RestApiDirectory.Unregister("a", r));
    assertThat(kit.restart().state().apiIds()).containsExactly("b");
  }
}
