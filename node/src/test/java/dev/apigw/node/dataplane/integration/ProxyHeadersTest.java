package dev.apigw.node.dataplane.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.scaladsl.model.headers.Date;
import org.apache.pekko.http.scaladsl.model.headers.Server;
import org.junit.jupiter.api.Test;

class ProxyHeadersTest {

  @Test
  void backendResponseHeadersPassOnWithDateAndServerModeledForPekkosRendering() {
    List<HttpHeader> out = ProxyHeaders.backward(List.of(
        RawHeader.create("Date", "Sat, 05 Dec 2026 09:07:08 GMT"),
        RawHeader.create("Server", "nginx/1.22.1"),
        RawHeader.create("Connection", "keep-alive"),
        RawHeader.create("Transfer-Encoding", "chunked"),
        RawHeader.create("Cache-Control", "max-age=60,no-cache")));

    assertThat(out).extracting(HttpHeader::name).containsExactly("Date", "Server", "Cache-Control");
    assertThat(out.get(0)).isInstanceOf(Date.class);
    assertThat(out.get(0).value()).isEqualTo("Sat, 05 Dec 2026 09:07:08 GMT");
    assertThat(out.get(1)).isInstanceOf(Server.class);
    assertThat(out.get(1).value()).isEqualTo("nginx/1.22.1");
    // Other headers stay as the backend sent them.
    assertThat(out.get(2)).isInstanceOf(RawHeader.class);
    assertThat(out.get(2).value()).isEqualTo("max-age=60,no-cache");
  }

  @Test
  void aDateThatDoesNotParseIsDroppedAsPekkoWouldAndNextValuesStillParse() {
    assertThat(ProxyHeaders.backward(List.of(RawHeader.create("Date", "yesterday")))).isEmpty();
    for (int second = 10; second < 20; second++) {
      String value = "Sat, 05 Dec 2026 09:07:" + second + " GMT";
      List<HttpHeader> out = ProxyHeaders.backward(List.of(RawHeader.create("date", value)));
      assertThat(out).singleElement().isInstanceOf(Date.class);
      assertThat(out.get(0).value()).isEqualTo(value);
    }
  }

  @Test
  void hopByHopAndSyntheticHeadersAreDroppedOthersKept() {
    for (String name : List.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
        "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "content-type",
        "raw-request-uri", "remote-address", "timeout-access", "tls-session-info", "x-forwarded-host")) {
      assertThat(ProxyHeaders.dropped(name)).as(name).isTrue();
    }
    for (String name : List.of("", "date", "hosts", "x-forwarded-for", "content-encoding", "a-very-long-header-name-indeed")) {
      assertThat(ProxyHeaders.dropped(name)).as(name).isFalse();
    }
  }
}
