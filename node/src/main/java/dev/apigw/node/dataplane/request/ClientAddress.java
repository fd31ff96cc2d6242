package dev.apigw.node.dataplane.request;

import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/** The client's address as the data plane reports it ({@code $context.identity.sourceIp}). */
public final class ClientAddress {
  private ClientAddress() {}

  /** The peer's IP address ({@code pekko.http.server.remote-address-attribute = on} puts it on every request). */
  public static String sourceIp(HttpRequest http) {
    var remote = http.getAttribute(AttributeKeys.remoteAddress);
    return remote.flatMap(r -> r.getAddress()).map(a -> a.getHostAddress()).orElse("127.0.0.1");
  }
}
