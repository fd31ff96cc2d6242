package dev.apigw.node.dataplane.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.pekko.http.javadsl.model.HttpProtocols;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.Connection;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.junit.jupiter.api.Test;

/** Which first requests keep a client connection from its own backend connection (headers as Pekko parses them). */
class ExchangeStageTest {
  @Test
  void aRequestThatSaysItIsItsConnectionsLastIsRecognized() {
    assertThat(ExchangeStage.announcesLast(HttpRequest.create("/"))).isFalse();
    assertThat(ExchangeStage.announcesLast(HttpRequest.create("/").addHeader(Connection.create("close"))))
        .isTrue();
    assertThat(ExchangeStage.announcesLast(HttpRequest.create("/").addHeader(Connection.create("Keep-Alive", "CLOSE"))))
        .isTrue();
    assertThat(ExchangeStage.announcesLast(HttpRequest.create("/").addHeader(Connection.create("Upgrade"))
        .addHeader(RawHeader.create("Upgrade", "websocket")))).as("a WebSocket upgrade").isTrue();
    assertThat(ExchangeStage.announcesLast(HttpRequest.create("/").addHeader(Connection.create("keep-alive"))))
        .isFalse();
    assertThat(ExchangeStage.announcesLast(HttpRequest.create("/").withProtocol(HttpProtocols.HTTP_1_0))).isTrue();
    assertThat(ExchangeStage.announcesLast(HttpRequest.create("/").withProtocol(HttpProtocols.HTTP_1_0)
        .addHeader(Connection.create("keep-alive")))).isFalse();
  }
}
