package dev.apigw.node.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.apigateway.model.RestApi;

/** An API written through one actor system is recovered from Cassandra by the next one. */
@ExtendWith(CassandraExtension.class)
class RestApiRecoveryTest {

  @Test
  void apiSurvivesANodeRestart() {
    String id;
    String deletedId;
    try (TestNode first = TestNode.start();
        var client = first.client()) {
      id = client.createRestApi(r -> r.name("survivor").description("written before the restart")).id();
      deletedId = client.createRestApi(r -> r.name("gone")).id();
      client.deleteRestApi(r -> r.restApiId(deletedId));
    }
    try (TestNode second = TestNode.start();
        var client = second.client()) {
      var recovered = client.getRestApi(r -> r.restApiId(id));
      assertThat(recovered.name()).isEqualTo("survivor");
      assertThat(recovered.description()).isEqualTo("written before the restart");
      var listed = client.getRestApisPaginator(r -> r.limit(500)).items().stream().map(RestApi::id).toList();
      assertThat(listed).contains(id).doesNotContain(deletedId);
    }
  }
}
