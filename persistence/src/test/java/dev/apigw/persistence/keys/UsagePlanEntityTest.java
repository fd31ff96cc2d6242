package dev.apigw.persistence.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.persistence.testing.EntityTestKits;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.ConflictException;
import dev.apigw.protocol.errors.NotFoundException;
import dev.apigw.protocol.keys.ApiStage;
import dev.apigw.protocol.keys.QuotaSettings;
import dev.apigw.protocol.keys.ThrottleSettings;
import dev.apigw.protocol.keys.UsagePlan;
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

class UsagePlanEntityTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestKits.config());
  private static final Instant AT = Instant.parse("2026-11-21T10:00:00Z");
  private static final String ID = "plan000001";

  private EventSourcedBehaviorTestKit<UsagePlanEntity.Command, UsagePlanEntity.Event, UsagePlanEntity.State> kit;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void fresh() {
    kit = EventSourcedBehaviorTestKit.create(testKit.system(), UsagePlanEntity.create(ID));
  }

  static UsagePlan plan(List<ApiStage> stages) {
    return new UsagePlan(ID, "gold", "gold tier", stages, new ThrottleSettings(100, 50.5),
        new QuotaSettings(10000, 0, "MONTH"), null, Map.of("tier", "gold"));
  }

  static final List<ApiStage> STAGES =
      List.of(new ApiStage("api0000001", "prod", Map.of("/pets/GET", new ThrottleSettings(5, 1.0))));

  private StatusReply<UsagePlan> create(UsagePlan plan) {
    return kit.<StatusReply<UsagePlan>>runCommand(r -> new UsagePlanEntity.Create(plan, r)).reply();
  }

  private StatusReply<UsagePlanEntity.Active> get() {
    return kit.<StatusReply<UsagePlanEntity.Active>>runCommand(UsagePlanEntity.Get::new).reply();
  }

  private StatusReply<Done> addKey(String keyId) {
    return kit.<StatusReply<Done>>runCommand(r -> new UsagePlanEntity.AddKey(keyId, r)).reply();
  }

  private StatusReply<Done> removeKey(String keyId) {
    return kit.<StatusReply<Done>>runCommand(r -> new UsagePlanEntity.RemoveKey(keyId, r)).reply();
  }

  private StatusReply<UsagePlan> update(UsagePlan expected, UsagePlan updated) {
    return kit.<StatusReply<UsagePlan>>runCommand(r -> new UsagePlanEntity.Update(expected, updated, r)).reply();
  }

  private StatusReply<Done> delete() {
    return kit.<StatusReply<Done>>runCommand(r -> new UsagePlanEntity.Delete(AT, r)).reply();
  }

  private void assertEveryCommandButCreateIsNotFound() {
    assertThat(get().getError()).isInstanceOf(NotFoundException.class).hasMessage(UsagePlanEntity.NOT_FOUND);
    assertThat(update(plan(STAGES), plan(List.of())).getError()).isInstanceOf(NotFoundException.class);
    assertThat(addKey("k1").getError()).isInstanceOf(NotFoundException.class);
    assertThat(removeKey("k1").getError()).isInstanceOf(NotFoundException.class);
    assertThat(delete().getError()).isInstanceOf(NotFoundException.class);
  }

  private StatusReply<Done> retag(TagChange change) {
    return kit.<StatusReply<Done>>runCommand(r -> new UsagePlanEntity.Retag(change, r)).reply();
  }

  @Test
  void retagAppliesEachChangeToTheCurrentTags() {
    assertThat(retag(TagChange.tag(Map.of("a", "1"))).getError()).isInstanceOf(NotFoundException.class);
    create(plan(STAGES));
    addKey("k1");
    assertThat(retag(TagChange.tag(Map.of("a", "1"))).isSuccess()).isTrue();
    assertThat(retag(TagChange.tag(Map.of("b", "2"))).isSuccess()).isTrue();
    assertThat(retag(TagChange.untag(List.of("tier"))).isSuccess()).isTrue();
    assertThat(get().getValue().plan()).isEqualTo(plan(STAGES).withTags(Map.of("a", "1", "b", "2")));
    assertThat(get().getValue().keyIds()).containsExactly("k1");
    kit.restart();
    assertThat(get().getValue().plan().tags()).isEqualTo(Map.of("a", "1", "b", "2"));
  }

  @Test
  void emptyCreatesAndRefusesEverythingElse() {
    assertEveryCommandButCreateIsNotFound();
    assertThat(kit.getState()).isInstanceOf(UsagePlanEntity.Empty.class);
    var created = kit.<StatusReply<UsagePlan>>runCommand(r -> new UsagePlanEntity.Create(plan(STAGES), r));
    assertThat(created.event()).isEqualTo(new UsagePlanEntity.Created(plan(STAGES)));
    assertThat(created.state()).isEqualTo(new UsagePlanEntity.Active(plan(STAGES), List.of()));
  }

  @Test
  void activeManagesKeysInOrder() {
    create(plan(STAGES));
    assertThat(create(plan(STAGES)).getError()).isInstanceOf(ConflictException.class);
    var added = kit.<StatusReply<Done>>runCommand(r -> new UsagePlanEntity.AddKey("k1", r));
    assertThat(added.event()).isEqualTo(new UsagePlanEntity.KeyAdded(ID, "k1"));
    addKey("k2");
    assertThat(addKey("k1").getError()).isInstanceOf(ConflictException.class);
    assertThat(get().getValue().keyIds()).containsExactly("k1", "k2");
    var removed = kit.<StatusReply<Done>>runCommand(r -> new UsagePlanEntity.RemoveKey("k1", r));
    assertThat(removed.event()).isEqualTo(new UsagePlanEntity.KeyRemoved(ID, "k1"));
    assertThat(removeKey("k1").getError()).isInstanceOf(NotFoundException.class).hasMessage(UsagePlanEntity.KEY_NOT_FOUND);
    assertThat(get().getValue().keyIds()).containsExactly("k2");
  }

  @Test
  void activeUpdatesWithCompareAndSet() {
    create(plan(STAGES));
    addKey("k1");
    UsagePlan renamed = plan(STAGES).withName("platinum");
    assertThat(update(plan(STAGES), renamed).getValue()).isEqualTo(renamed);
    assertThat(get().getValue()).isEqualTo(new UsagePlanEntity.Active(renamed, List.of("k1")));
    var stale = kit.<StatusReply<UsagePlan>>runCommand(r -> new UsagePlanEntity.Update(plan(STAGES), plan(List.of()), r));
    assertThat(stale.reply().getError()).isInstanceOf(ConflictException.class);
    assertThat(stale.hasNoEvents()).isTrue();
  }

  @Test
  void deleteIsRefusedWhileStagesRemain() {
    create(plan(STAGES));
    var refused = kit.<StatusReply<Done>>runCommand(r -> new UsagePlanEntity.Delete(AT, r));
    assertThat(refused.reply().getError()).isInstanceOf(BadRequestException.class).hasMessageContaining("API stages");
    assertThat(refused.hasNoEvents()).isTrue();
    update(plan(STAGES), plan(List.of()));
    var deleted = kit.<StatusReply<Done>>runCommand(r -> new UsagePlanEntity.Delete(AT, r));
    assertThat(deleted.event()).isEqualTo(new UsagePlanEntity.Deleted(ID, AT));
    assertThat(deleted.state()).isEqualTo(new UsagePlanEntity.Removed(ID, AT));
    assertEveryCommandButCreateIsNotFound();
    assertThat(create(plan(List.of())).getError()).isInstanceOf(ConflictException.class);
  }

  @Test
  void recoversAfterRestart() {
    create(plan(STAGES));
    addKey("k1");
    addKey("k2");
    removeKey("k1");
    assertThat(kit.restart().state()).isEqualTo(new UsagePlanEntity.Active(plan(STAGES), List.of("k2")));
    update(plan(STAGES), plan(List.of()));
    delete();
    assertThat(kit.restart().state()).isEqualTo(new UsagePlanEntity.Removed(ID, AT));
  }
}
