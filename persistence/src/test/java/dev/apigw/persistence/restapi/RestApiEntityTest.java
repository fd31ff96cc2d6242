package dev.apigw.persistence.restapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.protocol.errors.ConflictException;
import dev.apigw.protocol.errors.NotFoundException;
import dev.apigw.protocol.restapi.RestApi;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestApiEntityTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestKits.config());
  private static final Instant CREATED = Instant.parse("2026-11-21T10:00:00Z");

  private EventSourcedBehaviorTestKit<RestApiEntity.Command, RestApiEntity.Event, RestApiEntity.State> kit;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void fresh() {
    // Serialization checks stay on (the default): every command, event and state must round-trip.
    kit = EventSourcedBehaviorTestKit.create(testKit.system(), RestApiEntity.create("abcde12345"));
  }

  static RestApi api(String id) {
    return new RestApi(
        id, "pets", "a pet store", CREATED, "v1", List.of("image/png"), 1024, "HEADER",
        List.of("REGIONAL"), false, null, Map.of("team", "core"), "root123456");
  }

  private CommandResultWithReply<RestApiEntity.Command, RestApiEntity.Event, RestApiEntity.State, StatusReply<RestApi>>
      create() {
    return kit.runCommand(replyTo -> new RestApiEntity.Create(api("abcde12345"), replyTo));
  }

  @Test
  void emptyEntityCreates() {
    var result = create();
    assertThat(result.reply().getValue()).isEqualTo(api("abcde12345"));
    assertThat(result.event()).isEqualTo(new RestApiEntity.Created(api("abcde12345")));
    assertThat(result.state()).isEqualTo(new RestApiEntity.Active(api("abcde12345")));
  }

  @Test
  void emptyEntityAnswersNotFoundToGetAndDelete() {
    var get = kit.<StatusReply<RestApi>>runCommand(RestApiEntity.Get::new);
    assertThat(get.reply().isError()).isTrue();
    assertThat(get.reply().getError()).isInstanceOf(NotFoundException.class);
    assertThat(get.hasNoEvents()).isTrue();

    var delete = kit.<StatusReply<Done>>runCommand(r -> new RestApiEntity.Delete(CREATED, r));
    assertThat(delete.reply().getError()).isInstanceOf(NotFoundException.class);
    assertThat(delete.hasNoEvents()).isTrue();
  }

  @Test
  void activeEntityAnswersGetAndRefusesSecondCreate() {
    create();
    var get = kit.<StatusReply<RestApi>>runCommand(RestApiEntity.Get::new);
    assertThat(get.reply().getValue().name()).isEqualTo("pets");

    var again = create();
    assertThat(again.reply().getError()).isInstanceOf(ConflictException.class);
    assertThat(again.hasNoEvents()).isTrue();
  }

  @Test
  void deleteRemovesAndTheIdIsNeverReused() {
    create();
    Instant at = CREATED.plusSeconds(60);
    var delete = kit.<StatusReply<Done>>runCommand(r -> new RestApiEntity.Delete(at, r));
    assertThat(delete.reply().isSuccess()).isTrue();
    assertThat(delete.event()).isEqualTo(new RestApiEntity.Deleted("abcde12345", at));
    assertThat(delete.state()).isEqualTo(new RestApiEntity.Removed("abcde12345", at));

    assertThat(kit.<StatusReply<RestApi>>runCommand(RestApiEntity.Get::new).reply().getError())
        .isInstanceOf(NotFoundException.class);
    assertThat(kit.<StatusReply<Done>>runCommand(r -> new RestApiEntity.Delete(at, r)).reply().getError())
        .isInstanceOf(NotFoundException.class);
    assertThat(create().reply().getError()).isInstanceOf(ConflictException.class);
  }

  @Test
  void recoversActiveAndRemovedStateAfterRestart() {
    create();
    assertThat(kit.restart().state()).isEqualTo(new RestApiEntity.Active(api("abcde12345")));

    kit.<StatusReply<Done>>runCommand(r -> new RestApiEntity.Delete(CREATED, r));
    assertThat(kit.restart().state()).isEqualTo(new RestApiEntity.Removed("abcde12345", CREATED));
  }
}
