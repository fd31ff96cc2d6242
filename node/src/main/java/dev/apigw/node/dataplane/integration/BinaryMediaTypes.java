package dev.apigw.node.dataplane.integration;

import java.util.List;
import java.util.Locale;

/** Whether a media type is binary for an API ({@code binaryMediaTypes}, with {@code type/*} and {@code *}{@code /*}). */
final class BinaryMediaTypes {
  private BinaryMediaTypes() {}

  static boolean isBinary(List<String> binaryMediaTypes, String mediaType) {
    if (mediaType == null || binaryMediaTypes.isEmpty()) {
      return false;
    }
    String type = mediaType.toLowerCase(Locale.ROOT);
    for (String pattern : binaryMediaTypes) {
      // AWS's API stores "/" in media types as "~1" in patch paths; both forms may reach here.
      String p = pattern.replace("~1", "/").toLowerCase(Locale.ROOT).trim();
      if (p.equals("*/*") || p.equals(type)
          || (p.endsWith("/*") && type.startsWith(p.substring(0, p.length() - 1)))) {
        return true;
      }
    }
    return false;
  }
}
