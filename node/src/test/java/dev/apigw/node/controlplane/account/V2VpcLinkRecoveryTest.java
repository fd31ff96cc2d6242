package dev.apigw.node.controlplane.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.TestNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigatewayv2.model.NotFoundException;
import software.amazon.awssdk.services.apigatewayv2.model.VpcLink;

/** HTTP API VPC links written through one node are recovered from Cassandra by the next one. */
@ExtendWith(CassandraExtension.class)
class V2VpcLinkRecoveryTest {

  @Test
  void httpApiVpcLinksSurviveANodeRestart() {
    String kept;
    String deleted;
    try (TestNode first = TestNode.start();
        var client = first.v2Client()) {
      kept = client.createVpcLink(r -> r.name("survivor").subnetIds("subnet-1", "subnet-2").securityGroupIds("sg-1")
          .tags(Map.of("team", "orders"))).vpcLinkId();
      client.updateVpcLink(r -> r.vpcLinkId(kept).name("renamed"));
      deleted = client.createVpcLink(r -> r.name("gone").subnetIds("subnet-1")).vpcLinkId();
      client.deleteVpcLink(r -> r.vpcLinkId(deleted));
    }
    try (TestNode second = TestNode.start();
        var client = second.v2Client()) {
      var link = client.getVpcLink(r -> r.vpcLinkId(kept));
      assertThat(link.name()).isEqualTo("renamed");
      assertThat(link.subnetIds()).containsExactly("subnet-1", "subnet-2");
      assertThat(link.securityGroupIds()).containsExactly("sg-1");
      assertThat(link.tags()).containsEntry("team", "orders");
      assertThat(link.createdDate()).isNotNull();
      assertThat(client.getVpcLinks(r -> {}).items()).extracting(VpcLink::vpcLinkId).contains(kept).doesNotContain(deleted);
      assertThatThrownBy(() -> client.getVpcLink(r -> r.vpcLinkId(deleted))).isInstanceOf(NotFoundException.class);
    }
  }
}
