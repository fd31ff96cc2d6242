package dev.apigw.persistence.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.persistence.testing.EntityTestKits;
import dev.apigw.protocol.PatchOperation;
import dev.apigw.protocol.account.AccountSettings;
import dev.apigw.protocol.account.ClientCertificate;
import dev.apigw.protocol.account.VpcLink;
import dev.apigw.protocol.errors.BadRequestException;
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

class AccountEntityTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestKits.config());
  private static final Instant T0 = Instant.parse("2026-12-04T00:00:00Z");

  private EventSourcedBehaviorTestKit<AccountEntity.Command, AccountEntity.Event, AccountEntity.State> kit;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void fresh() {
    kit = EventSourcedBehaviorTestKit.create(testKit.system(), AccountEntity.create("000000000000"));
  }

  @Test
  void settingsStartLikeAwsAndPatchAllOrNothing() {
    var state = kit.<StatusReply<AccountEntity.State>>runCommand(AccountEntity.Get::new).reply().getValue();
    assertThat(state.settings()).isEqualTo(AccountSettings.initial());
    String role = "arn:aws:iam::000000000000:role/logs";
    var ok = kit.<StatusReply<AccountSettings>>runCommand(r -> new AccountEntity.UpdateSettings(
        List.of(new PatchOperation("replace", "/cloudwatchRoleArn", role, null)), T0, "AKID", r));
    assertThat(ok.reply().getValue().cloudwatchRoleArn()).isEqualTo(role);
    var bad = kit.<StatusReply<AccountSettings>>runCommand(r -> new AccountEntity.UpdateSettings(
        List.of(new PatchOperation("replace", "/cloudwatchRoleArn", "", null),
            new PatchOperation("replace", "/throttle", "1", null)), T0, "AKID", r));
    assertThat(bad.hasNoEvents()).isTrue();
    assertThat(bad.reply().getError()).isInstanceOf(BadRequestException.class);
    kit.restart();
    assertThat(kit.<StatusReply<AccountEntity.State>>runCommand(AccountEntity.Get::new).reply().getValue()
        .settings().cloudwatchRoleArn()).isEqualTo(role);
  }

  @Test
  void storesCertificatesAndLinks() {
    var cert = new ClientCertificate("abc123", "d", "PEM", "KEY", T0, T0.plusSeconds(60), Map.of());
    kit.<StatusReply<ClientCertificate>>runCommand(r -> new AccountEntity.PutClientCertificate(cert, true, r));
    var link = new VpcLink("v1", "link", null, List.of("arn:nlb"), VpcLink.PENDING, "", Map.of());
    var put = kit.<StatusReply<VpcLink>>runCommand(r -> new AccountEntity.PutVpcLink(link, true, r));
    assertThat(put.reply().getValue().status()).isEqualTo(VpcLink.PENDING);
    kit.runCommand(new AccountEntity.FinishVpcLink("v1"));
    kit.restart();
    var state = kit.<StatusReply<AccountEntity.State>>runCommand(AccountEntity.Get::new).reply().getValue();
    assertThat(state.clientCertificate("abc123").privateKeyPem()).isEqualTo("KEY");
    assertThat(state.vpcLink("v1").status()).isEqualTo(VpcLink.AVAILABLE);
    var missing = kit.<StatusReply<Done>>runCommand(r -> new AccountEntity.DeleteVpcLink("nope", r));
    assertThat(missing.reply().getError()).isInstanceOf(NotFoundException.class);
    kit.<StatusReply<Done>>runCommand(r -> new AccountEntity.DeleteClientCertificate("abc123", r));
    assertThat(kit.<StatusReply<AccountEntity.State>>runCommand(AccountEntity.Get::new).reply().getValue()
        .clientCertificates()).isEmpty();
  }

  @Test
  void storesHttpApiLinksApartFromRestOnesWithTheirOwnQuota() {
    var rest = new VpcLink("v1", "link", null, List.of("arn:nlb"), VpcLink.PENDING, "", Map.of());
    kit.<StatusReply<VpcLink>>runCommand(r -> new AccountEntity.PutVpcLink(rest, true, r));
    var link = VpcLink.v2("abc1234", "http", List.of("subnet-1"), List.of("sg-1"), Map.of("t", "1"), T0,
        VpcLink.PENDING, "VPC link is provisioning ENIs");
    kit.<StatusReply<VpcLink>>runCommand(r -> new AccountEntity.PutVpcLink(link, true, r));
    kit.runCommand(new AccountEntity.FinishVpcLink("abc1234"));
    kit.<StatusReply<VpcLink>>runCommand(r -> new AccountEntity.PutVpcLink(link.with("renamed", null, Map.of()), false, r));
    kit.restart();
    var state = kit.<StatusReply<AccountEntity.State>>runCommand(AccountEntity.Get::new).reply().getValue();
    VpcLink stored = state.vpcLink("abc1234", true);
    assertThat(stored.status()).isEqualTo(VpcLink.AVAILABLE);
    assertThat(stored.statusMessage()).isEqualTo("VPC link is ready to route traffic");
    assertThat(stored.name()).isEqualTo("renamed");
    assertThat(stored.subnetIds()).containsExactly("subnet-1");
    assertThat(stored.securityGroupIds()).containsExactly("sg-1");
    assertThat(stored.createdDate()).isEqualTo(T0);
    assertThat(stored.tags()).isEqualTo(Map.of("t", "1"));
    assertThat(state.vpcLinksByName(true)).extracting(VpcLink::id).containsExactly("abc1234");
    assertThat(state.vpcLinksByName()).extracting(VpcLink::id).containsExactly("v1");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> state.vpcLink("v1", true))
        .isInstanceOf(NotFoundException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> state.vpcLink("abc1234", false))
        .isInstanceOf(NotFoundException.class);
    for (int i = 1; i < AccountEntity.MAX_V2_VPC_LINKS; i++) {
      var more = VpcLink.v2("more00" + i, "m", List.of("subnet-1"), List.of(), Map.of(), T0, VpcLink.PENDING, "");
      assertThat(kit.<StatusReply<VpcLink>>runCommand(r -> new AccountEntity.PutVpcLink(more, true, r)).reply()
          .isSuccess()).isTrue();
    }
    var over = VpcLink.v2("overfl1", "m", List.of("subnet-1"), List.of(), Map.of(), T0, VpcLink.PENDING, "");
    assertThat(kit.<StatusReply<VpcLink>>runCommand(r -> new AccountEntity.PutVpcLink(over, true, r)).reply().getError())
        .isInstanceOf(dev.apigw.protocol.errors.LimitExceededException.class);
  }

  @Test
  void retagsCertificatesAndLinksInPlace() {
    var cert = new ClientCertificate("abc123", "d", "PEM", "KEY", T0, T0.plusSeconds(60), Map.of("team", "core"));
    kit.<StatusReply<ClientCertificate>>runCommand(r -> new AccountEntity.PutClientCertificate(cert, true, r));
    var link = new VpcLink("v1", "link", null, List.of("arn:nlb"), VpcLink.PENDING, "", Map.of());
    kit.<StatusReply<VpcLink>>runCommand(r -> new AccountEntity.PutVpcLink(link, true, r));
    // Each change names only what it changes: neither other tag calls nor provisioning are undone.
    retagCertificate("abc123", TagChange.tag(Map.of("a", "1")));
    retagCertificate("abc123", TagChange.untag(List.of("team")));
    retagLink("v1", TagChange.tag(Map.of("a", "1")));
    kit.runCommand(new AccountEntity.FinishVpcLink("v1"));
    retagLink("v1", TagChange.tag(Map.of("b", "2")));
    // An update made from an older read changes only its own fields.
    kit.<StatusReply<VpcLink>>runCommand(r -> new AccountEntity.PutVpcLink(
        link.with("renamed", "d", Map.of()), false, r));
    kit.<StatusReply<ClientCertificate>>runCommand(r -> new AccountEntity.PutClientCertificate(
        cert.withDescription("changed"), false, r));
    kit.restart();
    var state = kit.<StatusReply<AccountEntity.State>>runCommand(AccountEntity.Get::new).reply().getValue();
    assertThat(state.clientCertificate("abc123")).isEqualTo(cert.withTags(Map.of("a", "1")).withDescription("changed"));
    assertThat(state.vpcLink("v1").tags()).isEqualTo(Map.of("a", "1", "b", "2"));
    assertThat(state.vpcLink("v1").status()).isEqualTo(VpcLink.AVAILABLE);
    assertThat(state.vpcLink("v1").name()).isEqualTo("renamed");
    assertThat(retagLink("nope", TagChange.tag(Map.of("a", "1"))).getError()).isInstanceOf(NotFoundException.class);
    assertThat(retagCertificate("nope", TagChange.tag(Map.of("a", "1"))).getError())
        .isInstanceOf(NotFoundException.class);
    Map<String, String> many = new java.util.HashMap<>();
    for (int i = 0; i < 50; i++) {
      many.put("k" + i, "v");
    }
    assertThat(retagLink("v1", TagChange.tag(many)).getError()).isInstanceOf(BadRequestException.class)
        .hasMessage("Too many tags: 52 (expected: at most 50)");
  }

  private StatusReply<Done> retagCertificate(String id, TagChange change) {
    return kit.<StatusReply<Done>>runCommand(r -> new AccountEntity.RetagClientCertificate(id, change, r)).reply();
  }

  private StatusReply<Done> retagLink(String id, TagChange change) {
    return kit.<StatusReply<Done>>runCommand(r -> new AccountEntity.RetagVpcLink(id, change, r)).reply();
  }
}
