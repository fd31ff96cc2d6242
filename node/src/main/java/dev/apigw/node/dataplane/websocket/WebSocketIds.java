package dev.apigw.node.dataplane.websocket;

import java.security.SecureRandom;
import java.util.Base64;

/** Connection and message ids: 16 characters of base64url from 96 random bits, unique without coordination. */
final class WebSocketIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebSocketIds() {}

  static String random() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
