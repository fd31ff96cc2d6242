package dev.apigw.persistence.domains;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.persistence.testing.EntityTestKits;
import dev.apigw.protocol.domains.BasePathMapping;
import dev.apigw.protocol.domains.DomainName;
import dev.apigw.protocol.domains.DomainNameAccessAssociation;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.ConflictException;
import dev.apigw.protocol.errors.NotFoundException;
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

class DomainNameEntityTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestKits.config());
  private static final Instant AT = Instant.parse("2026-11-21T10:00:00Z");
  private static final String NAME = "api.example.com";
  private static final DomainName DOMAIN =
      new DomainName(NAME, "REGIONAL", null, null, "cert", "arn:aws:acm:us-east-1:000000000000:certificate/1",
          null, "d-abc1234567.execute-api.us-east-1.amazonaws.com", "TLS_1_2", AT, Map.of("env", "prod"));
  private static final BasePathMapping ROOT = new BasePathMapping(BasePathMapping.NONE, "api0000001", "prod");
  private static final BasePathMapping V2 = new BasePathMapping("v2", "api0000002", null);

  private EventSourcedBehaviorTestKit<DomainNameEntity.Command, DomainNameEntity.Event, DomainNameEntity.State> kit;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void fresh() {
    kit = EventSourcedBehaviorTestKit.create(testKit.system(), DomainNameEntity.create(NAME));
  }

  private StatusReply<DomainName> create() {
    return kit.<StatusReply<DomainName>>runCommand(r -> new DomainNameEntity.Create(DOMAIN, r)).reply();
  }

  private StatusReply<DomainNameEntity.Active> get() {
    return kit.<StatusReply<DomainNameEntity.Active>>runCommand(DomainNameEntity.Get::new).reply();
  }

  private StatusReply<BasePathMapping> createMapping(BasePathMapping m) {
    return kit.<StatusReply<BasePathMapping>>runCommand(r -> new DomainNameEntity.CreateMapping(m, r)).reply();
  }

  private StatusReply<BasePathMapping> updateMapping(BasePathMapping expected, BasePathMapping updated) {
    return kit.<StatusReply<BasePathMapping>>runCommand(r -> new DomainNameEntity.UpdateMapping(expected, updated, r))
        .reply();
  }

  private StatusReply<Done> deleteMapping(String basePath) {
    return kit.<StatusReply<Done>>runCommand(r -> new DomainNameEntity.DeleteMapping(basePath, r)).reply();
  }

  private StatusReply<Done> delete() {
    return kit.<StatusReply<Done>>runCommand(r -> new DomainNameEntity.Delete(AT, r)).reply();
  }

  private void assertEveryCommandButCreateIsNotFound() {
    assertThat(get().getError()).isInstanceOf(NotFoundException.class).hasMessage(DomainNameEntity.NOT_FOUND);
    assertThat(kit.<StatusReply<DomainName>>runCommand(r -> new DomainNameEntity.Update(DOMAIN, DOMAIN, r)).reply().getError())
        .isInstanceOf(NotFoundException.class);
    assertThat(delete().getError()).isInstanceOf(NotFoundException.class);
    assertThat(createMapping(ROOT).getError()).isInstanceOf(NotFoundException.class);
    assertThat(updateMapping(ROOT, ROOT).getError()).isInstanceOf(NotFoundException.class);
    assertThat(deleteMapping(ROOT.basePath()).getError()).isInstanceOf(NotFoundException.class);
    assertThat(retag(TagChange.tag(Map.of("a", "1"))).getError()).isInstanceOf(NotFoundException.class);
  }

  private StatusReply<Done> retag(TagChange change) {
    return kit.<StatusReply<Done>>runCommand(r -> new DomainNameEntity.Retag(change, r)).reply();
  }

  @Test
  void retagAppliesEachChangeToTheCurrentTags() {
    create();
    createMapping(ROOT);
    assertThat(retag(TagChange.tag(Map.of("a", "1"))).isSuccess()).isTrue();
    assertThat(retag(TagChange.tag(Map.of("b", "2"))).isSuccess()).isTrue();
    assertThat(retag(TagChange.untag(List.of("env"))).isSuccess()).isTrue();
    assertThat(get().getValue()).isEqualTo(new DomainNameEntity.Active(DOMAIN.withTags(Map.of("a", "1", "b", "2")),
        List.of(ROOT)));
    kit.restart();
    assertThat(get().getValue().domain().tags()).isEqualTo(Map.of("a", "1", "b", "2"));
  }

  @Test
  void privateDomainsHoldAccessAssociationsAcrossRestarts() {
    String arn = "arn:aws:apigateway:us-east-1:000000000000:/domainnameaccessassociations/domainname/" + NAME
        + "+abcd123456/vpcesource/vpce-1";
    var association = new DomainNameAccessAssociation(arn,
        "arn:aws:apigateway:us-east-1:000000000000:/domainnames/" + NAME + "+abcd123456", "VPCE", "vpce-1", Map.of());
    assertThat(removeAssociation(arn, false).getError()).isInstanceOf(NotFoundException.class)
        .hasMessage(DomainNameEntity.ASSOCIATION_NOT_FOUND);
    create();
    assertThat(createAssociation(association).getError()).isInstanceOf(BadRequestException.class)
        .hasMessageContaining("private custom domain names");

    kit = EventSourcedBehaviorTestKit.create(testKit.system(), DomainNameEntity.create(NAME));
    DomainName privateDomain = new DomainName(NAME, "PRIVATE", null, "arn:aws:acm:us-east-1:000000000000:certificate/1",
        null, null, null, null, "TLS_1_2", AT, Map.of(), null, "abcd123456", "{\"Version\":\"2012-10-17\"}");
    kit.<StatusReply<DomainName>>runCommand(r -> new DomainNameEntity.Create(privateDomain, r));
    var created = kit.<StatusReply<DomainNameAccessAssociation>>runCommand(
        r -> new DomainNameEntity.CreateAccessAssociation(association, r));
    assertThat(created.event()).isEqualTo(new DomainNameEntity.AccessAssociationCreated(association));
    assertThat(createAssociation(association).getError()).isInstanceOf(ConflictException.class);
    kit.restart();
    assertThat(get().getValue().associations()).containsExactly(association);
    assertThat(get().getValue().domain()).isEqualTo(privateDomain);

    var rejected = kit.<StatusReply<Done>>runCommand(r -> new DomainNameEntity.RemoveAccessAssociation(arn, true, r));
    assertThat(rejected.event()).isEqualTo(new DomainNameEntity.AccessAssociationRejected(arn));
    assertThat(removeAssociation(arn, false).getError()).isInstanceOf(NotFoundException.class);
    assertThat(createAssociation(association).isSuccess()).isTrue();
    assertThat(removeAssociation(arn, false).isSuccess()).isTrue();
    kit.restart();
    assertThat(get().getValue().associations()).isEmpty();
  }

  private StatusReply<DomainNameAccessAssociation> createAssociation(DomainNameAccessAssociation a) {
    return kit.<StatusReply<DomainNameAccessAssociation>>runCommand(
        r -> new DomainNameEntity.CreateAccessAssociation(a, r)).reply();
  }

  private StatusReply<Done> removeAssociation(String arn, boolean rejected) {
    return kit.<StatusReply<Done>>runCommand(r -> new DomainNameEntity.RemoveAccessAssociation(arn, rejected, r)).reply();
  }

  @Test
  void emptyCreatesAndRefusesEverythingElse() {
    assertEveryCommandButCreateIsNotFound();
    assertThat(kit.getState()).isInstanceOf(DomainNameEntity.Empty.class);
    var created = kit.<StatusReply<DomainName>>runCommand(r -> new DomainNameEntity.Create(DOMAIN, r));
    assertThat(created.event()).isEqualTo(new DomainNameEntity.Created(DOMAIN));
    assertThat(created.state()).isEqualTo(new DomainNameEntity.Active(DOMAIN, List.of()));
    assertThat(create().getError()).isInstanceOf(ConflictException.class);
  }

  @Test
  void activeUpdatesWithCompareAndSet() {
    create();
    DomainName changed = DOMAIN.withSecurityPolicy("TLS_1_0");
    var updated = kit.<StatusReply<DomainName>>runCommand(r -> new DomainNameEntity.Update(DOMAIN, changed, r));
    assertThat(updated.event()).isEqualTo(new DomainNameEntity.Updated(changed));
    var stale = kit.<StatusReply<DomainName>>runCommand(r -> new DomainNameEntity.Update(DOMAIN, DOMAIN, r));
    assertThat(stale.reply().getError()).isInstanceOf(ConflictException.class);
    assertThat(get().getValue().domain()).isEqualTo(changed);
  }

  @Test
  void mappingsHaveUniqueBasePaths() {
    create();
    var created = kit.<StatusReply<BasePathMapping>>runCommand(r -> new DomainNameEntity.CreateMapping(ROOT, r));
    assertThat(created.event()).isEqualTo(new DomainNameEntity.MappingCreated(ROOT));
    createMapping(V2);
    assertThat(createMapping(ROOT.withRestApiId("other00001")).getError()).isInstanceOf(ConflictException.class);

    BasePathMapping moved = V2.withBasePath("v3").withStage("beta");
    assertThat(updateMapping(V2, moved).getValue()).isEqualTo(moved);
    assertThat(get().getValue().mappings()).containsExactly(ROOT, moved);
    assertThat(updateMapping(V2, moved).getError()).isInstanceOf(NotFoundException.class)
        .hasMessage(DomainNameEntity.MAPPING_NOT_FOUND);
    assertThat(updateMapping(moved, moved.withBasePath(BasePathMapping.NONE)).getError()).isInstanceOf(ConflictException.class);
    assertThat(updateMapping(moved.withStage("stale"), moved).getError()).isInstanceOf(ConflictException.class);

    var deleted = kit.<StatusReply<Done>>runCommand(r -> new DomainNameEntity.DeleteMapping("v3", r));
    assertThat(deleted.event()).isEqualTo(new DomainNameEntity.MappingDeleted("v3"));
    assertThat(deleteMapping("v3").getError()).isInstanceOf(NotFoundException.class);
    assertThat(get().getValue().mappings()).containsExactly(ROOT);
  }

  @Test
  void deletedDomainCanBeCreatedAgainWithoutItsMappings() {
    create();
    createMapping(ROOT);
    var deleted = kit.<StatusReply<Done>>runCommand(r -> new DomainNameEntity.Delete(AT, r));
    assertThat(deleted.event()).isEqualTo(new DomainNameEntity.Deleted(NAME, AT));
    assertThat(deleted.state()).isEqualTo(new DomainNameEntity.Removed(NAME, AT));
    assertEveryCommandButCreateIsNotFound();
    assertThat(create().isSuccess()).isTrue();
    assertThat(get().getValue().mappings()).isEmpty();
  }

  @Test
  void recoversAfterRestart() {
    create();
    createMapping(ROOT);
    createMapping(V2);
    updateMapping(V2, V2.withStage("beta"));
    deleteMapping(ROOT.basePath());
    assertThat(kit.restart().state()).isEqualTo(new DomainNameEntity.Active(DOMAIN, List.of(V2.withStage("beta"))));
    delete();
    assertThat(kit.restart().state()).isEqualTo(new DomainNameEntity.Removed(NAME, AT));
  }
}
