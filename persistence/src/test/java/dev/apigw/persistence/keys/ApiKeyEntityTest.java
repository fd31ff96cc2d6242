package dev.apigw.persistence.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.persistence.testing.EntityTestKits;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.ConflictException;
import dev.apigw.protocol.errors.NotFoundException;
import dev.apigw.protocol.keys.ApiKey;
import dev.apigw.protocol.tags.TagChange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiKeyEntityTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestKits.config());
  private static final Instant CREATED = Instant.parse("2026-11-21T10:00:00Z");
  private static final String ID = "key0000001";

  private EventSourcedBehaviorTestKit<ApiKeyEntity.Command, ApiKeyEntity.Event, ApiKeyEntity.State> kit;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void fresh() {
    // Serialization checks stay on (the default): every command, event and state must round-trip.
    kit = EventSourcedBehaviorTestKit.create(testKit.system(), ApiKeyEntity.create(ID));
  }

  static ApiKey key(String id) {
    return new ApiKey(id, "v".repeat(40), "partner", "for partners", true, "cust-1", List.of("api/prod"),
        CREATED, CREATED, Map.of("team", "core"));
  }

  private StatusReply<ApiKey> create() {
    return kit.<StatusReply<ApiKey>>runCommand(r -> new ApiKeyEntity.Create(key(ID), r)).reply();
  }

  private StatusReply<ApiKey> get() {
    return kit.<StatusReply<ApiKey>>runCommand(ApiKeyEntity.Get::new).reply();
  }

  private StatusReply<ApiKey> update(ApiKey expected, ApiKey updated) {
    return kit.<StatusReply<ApiKey>>runCommand(r -> new ApiKeyEntity.Update(expected, updated, r)).reply();
  }

  private StatusReply<Done> delete() {
    return kit.<StatusReply<Done>>runCommand(r -> new ApiKeyEntity.Delete(CREATED, r)).reply();
  }

  private StatusReply<Done> retag(TagChange change) {
    return kit.<StatusReply<Done>>runCommand(r -> new ApiKeyEntity.Retag(change, CREATED.plusSeconds(60), r)).reply();
  }

  @Test
  void retagAppliesEachChangeToTheCurrentTags() {
    assertThat(retag(TagChange.tag(Map.of("a", "1"))).getError()).isInstanceOf(NotFoundException.class);
    create();
    // Each change names only what it changes, so concurrent tag calls cannot undo each other.
    assertThat(retag(TagChange.tag(Map.of("a", "1"))).isSuccess()).isTrue();
    assertThat(retag(TagChange.tag(Map.of("b", "2"))).isSuccess()).isTrue();
    assertThat(retag(TagChange.untag(List.of("team", "absent"))).isSuccess()).isTrue();
    assertThat(get().getValue().tags()).isEqualTo(Map.of("a", "1", "b", "2"));
    assertThat(get().getValue().lastUpdatedDate()).isEqualTo(CREATED.plusSeconds(60));
    Map<String, String> many = new java.util.HashMap<>();
    for (int i = 0; i < 49; i++) {
      many.put("k" + i, "v");
    }
    assertThat(retag(TagChange.tag(many)).getError()).isInstanceOf(BadRequestException.class)
        .hasMessage("Too many tags: 51 (expected: at most 50)");
    kit.restart();
    assertThat(get().getValue().tags()).isEqualTo(Map.of("a", "1", "b", "2"));
    delete();
    assertThat(retag(TagChange.tag(Map.of("a", "1"))).getError()).isInstanceOf(NotFoundException.class);
  }

  @Test
  void emptyCreatesAndRefusesEverythingElse() {
    assertThat(get().getError()).isInstanceOf(NotFoundException.class).hasMessage(ApiKeyEntity.NOT_FOUND);
    assertThat(update(key(ID), key(ID).withName("x")).getError()).isInstanceOf(NotFoundException.class);
    assertThat(delete().getError()).isInstanceOf(NotFoundException.class);
    assertThat(kit.getState()).isInstanceOf(ApiKeyEntity.Empty.class);

    var created = kit.<StatusReply<ApiKey>>runCommand(r -> new ApiKeyEntity.Create(key(ID), r));
    assertThat(created.reply().getValue()).isEqualTo(key(ID));
    assertThat(created.event()).isEqualTo(new ApiKeyEntity.Created(key(ID)));
    assertThat(created.state()).isEqualTo(new ApiKeyEntity.Active(key(ID)));
  }

  @Test
  void refusesAKeyWithAnotherId() {
    var result = kit.<StatusReply<ApiKey>>runCommand(r -> new ApiKeyEntity.Create(key("other12345"), r));
    assertThat(result.reply().getError()).isInstanceOf(BadRequestException.class);
    assertThat(result.hasNoEvents()).isTrue();
    create();
    var update = kit.<StatusReply<ApiKey>>runCommand(r -> new ApiKeyEntity.Update(key(ID), key("other12345"), r));
    assertThat(update.reply().getError()).isInstanceOf(BadRequestException.class);
    assertThat(update.hasNoEvents()).isTrue();
  }

  @Test
  void activeGetsUpdatesWithCompareAndSetAndRefusesCreate() {
    create();
    assertThat(get().getValue()).isEqualTo(key(ID));
    assertThat(create().getError()).isInstanceOf(ConflictException.class);

    ApiKey renamed = key(ID).withName("renamed").withEnabled(false);
    var result = kit.<StatusReply<ApiKey>>runCommand(r -> new ApiKeyEntity.Update(key(ID), renamed, r));
    assertThat(result.event()).isEqualTo(new ApiKeyEntity.Updated(renamed));
    assertThat(get().getValue()).isEqualTo(renamed);

    var stale = kit.<StatusReply<ApiKey>>runCommand(r -> new ApiKeyEntity.Update(key(ID), key(ID).withName("lost"), r));
    assertThat(stale.reply().getError()).isInstanceOf(ConflictException.class).hasMessageContaining("concurrent modification");
    assertThat(stale.hasNoEvents()).isTrue();
  }

  @Test
  void refusesToChangeTheIndexedValue() {
    create();
    ApiKey other = new ApiKey(ID, "w".repeat(40), "partner", null, true, null, List.of(), CREATED, CREATED, Map.of());
    var result = kit.<StatusReply<ApiKey>>runCommand(r -> new ApiKeyEntity.Update(key(ID), other, r));
    assertThat(result.reply().getError()).isInstanceOf(BadRequestException.class).hasMessageContaining("immutable");
    assertThat(result.hasNoEvents()).isTrue();
  }

  @Test
  void deleteRemovesForGood() {
    create();
    var deleted = kit.<StatusReply<Done>>runCommand(r -> new ApiKeyEntity.Delete(CREATED, r));
    assertThat(deleted.event()).isEqualTo(new ApiKeyEntity.Deleted(ID, CREATED));
    assertThat(deleted.state()).isEqualTo(new ApiKeyEntity.Removed(ID, CREATED));
    assertThat(get().getError()).isInstanceOf(NotFoundException.class);
    assertThat(update(key(ID), key(ID)).getError()).isInstanceOf(NotFoundException.class);
    assertThat(delete().getError()).isInstanceOf(NotFoundException.class);
    assertThat(create().getError()).isInstanceOf(ConflictException.class);
  }

  @Test
  void recoversAfterRestart() {
    create();
    update(key(ID), key(ID).withDescription("changed"));
    assertThat(kit.restart().state()).isEqualTo(new ApiKeyEntity.Active(key(ID).withDescription("changed")));
    delete();
    assertThat(kit.restart().state()).isEqualTo(new ApiKeyEntity.Removed(ID, CREATED));
  }
}
