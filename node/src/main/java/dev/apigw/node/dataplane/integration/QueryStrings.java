package dev.apigw.node.dataplane.integration;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Builds integration query strings. */
final class QueryStrings {
  private QueryStrings() {}

  /** {@code raw} (as received, may be null) followed by {@code added}, percent-encoded. */
  static String merge(String raw, Map<String, List<String>> added) {
    StringBuilder out = new StringBuilder(raw == null ? "" : raw);
    added.forEach((name, values) -> values.forEach(v -> {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(encode(name)).append('=').append(encode(v));
    }));
    return out.toString();
  }

  /** Only {@code params}, percent-encoded. */
  static String of(Map<String, List<String>> params) {
    return merge(null, params);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
