package dev.apigw.node.dataplane.integration;

import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.ResponseTypes;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/**
 * Headers an integration request gets from mappings, whose values may come from the client (a decoded path
 * parameter or query string value can hold any byte). Pekko renders a {@link RawHeader} as it is, so a control
 * character (CR, LF, NUL, DEL, ...) would reach the backend raw: a request whose mapped header has one is refused
 * with 400 instead. A horizontal tab is allowed, as in HTTP.
 */
final class HeaderValues {
  private HeaderValues() {}

  /**
   * The header {@code name: value}.
   *
   * @throws GatewayError 400 {@code BAD_REQUEST_PARAMETERS} when the name or value has a control character
   */
  static HttpHeader header(String name, String value) {
    requireNoControl(name, value);
    return RawHeader.create(name, value);
  }

  /**
   * Checks a header bound for a backend.
   *
   * @throws GatewayError 400 {@code BAD_REQUEST_PARAMETERS} when the name or value has a control character
   */
  static void requireNoControl(String name, String value) {
    if (hasControl(name) || hasControl(value)) {
      throw new GatewayError(ResponseTypes.BAD_REQUEST_PARAMETERS, "Invalid request header value");
    }
  }

  /** Whether {@code s} has a character below 0x20 other than a tab, or DEL. */
  static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 && c != '\t' || c == 0x7f) {
        return true;
      }
    }
    return false;
  }
}
