package dev.apigw.persistence.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.persistence.testing.EntityTestKits;
import dev.apigw.protocol.errors.ConflictException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiKeyValueIndexTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestKits.config());

  private EventSourcedBehaviorTestKit<ApiKeyValueIndex.Command, ApiKeyValueIndex.Event, ApiKeyValueIndex.State> kit;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void fresh() {
    kit = EventSourcedBehaviorTestKit.create(testKit.system(), ApiKeyValueIndex.create("000000000000"));
  }

  private StatusReply<Done> claim(String value, String keyId) {
    return kit.<StatusReply<Done>>runCommand(r -> new ApiKeyValueIndex.Claim(value, keyId, r)).reply();
  }

  private String owner(String value) {
    return kit.<StatusReply<ApiKeyValueIndex.Owner>>runCommand(r -> new ApiKeyValueIndex.Find(value, r))
        .reply()
        .getValue()
        .keyId();
  }

  @Test
  void claimsAFreeValueOnceAndRefusesItToAnotherKey() {
    var first = kit.<StatusReply<Done>>runCommand(r -> new ApiKeyValueIndex.Claim("secret-value-0000000001", "key1", r));
    assertThat(first.event()).isEqualTo(new ApiKeyValueIndex.Claimed("secret-value-0000000001", "key1"));
    var same = kit.<StatusReply<Done>>runCommand(r -> new ApiKeyValueIndex.Claim("secret-value-0000000001", "key1", r));
    assertThat(same.reply().isSuccess()).isTrue();
    assertThat(same.hasNoEvents()).isTrue();
    assertThat(claim("secret-value-0000000001", "key2").getError())
        .isInstanceOf(ConflictException.class)
        .hasMessage(ApiKeyValueIndex.DUPLICATE);
    assertThat(owner("secret-value-0000000001")).isEqualTo("key1");
    assertThat(owner("unknown")).isNull();
  }

  @Test
  void releasesOnlyForTheOwner() {
    claim("v1", "key1");
    var notOwner = kit.<StatusReply<Done>>runCommand(r -> new ApiKeyValueIndex.Release("v1", "key2", r));
    assertThat(notOwner.reply().isSuccess()).isTrue();
    assertThat(notOwner.hasNoEvents()).isTrue();
    var released = kit.<StatusReply<Done>>runCommand(r -> new ApiKeyValueIndex.Release("v1", "key1", r));
    assertThat(released.event()).isEqualTo(new ApiKeyValueIndex.Released("v1"));
    assertThat(owner("v1")).isNull();
    assertThat(claim("v1", "key2").isSuccess()).isTrue();
  }

  @Test
  void recoversAfterRestart() {
    claim("v1", "key1");
    claim("v2", "key2");
    kit.<StatusReply<Done>>runCommand(r -> new ApiKeyValueIndex.Release("v1", "key1", r));
    assertThat(kit.restart().state().owners()).containsOnlyKeys("v2").containsEntry("v2", "key2");
  }
}
