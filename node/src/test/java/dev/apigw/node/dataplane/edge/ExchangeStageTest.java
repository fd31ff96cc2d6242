package dev.apigw.node.dataplane.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.pekko.http.javadsl.model.HttpProtocols;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.junit.jupiter.api.Test;

/** Which first requests keep a client connection from opening its own backend connection. */
class ExchangeStageTest {
  @Test
  void aRequestThatSaysItIsItsConnectionsLastIsRecognized() {
    assertThat(ExchangeStage.announcesLast(HttpRequest.create("/"))).isFalse();
    assertThat(ExchangeStage.announcesLast(HttpRequest.create("/").addHeader(RawHeader.create("Connection", "close"))))
        .isTrue();
    assertThat(ExchangeStage.announcesLast(HttpRequest.create("/").addHeader(RawHeader.create("connection", "Keep-Alive, CLOSE"))))
        .isTrue();
    assertThat(ExchangeStage.announcesLast(HttpRequest.create("/").addHeader(RawHeader.create("Connection", "Upgrade"))
        .addHeader(RawHeader.create("Upgrade", "websocket")))).as("a WebSocket upgrade").isTrue();
    assertThat(ExchangeStage.announcesLast(HttpRequest.create("/").addHeader(RawHeader.create("Connection", "keep-alive"))))
        .isFalse();
    assertThat(ExchangeStage.announcesLast(HttpRequest.create("/").withProtocol(HttpProtocols.HTTP_1_0))).isTrue();
    assertThat(ExchangeStage.announcesLast(HttpRequest.create("/").withProtocol(HttpProtocols.HTTP_1_0)
        .addHeader(RawHeader.create("Connection", "keep-alive")))).isFalse();
  }
}
