package dev.apigw.node.dataplane.integration.lambda;

import java.util.Locale;

/**
 * Which bodies an HTTP API passes to a function as text (everything else is base64): {@code text/*} and the JSON,
 * XML and JavaScript types, as AWS's payload format 2.0 does. A form ({@code application/x-www-form-urlencoded}) is
 * base64 at AWS too.
 */
public final class TextMediaTypes {
  private TextMediaTypes() {}

  /** Whether {@code mediaType} (without parameters; null: no body type) travels as text. */
  public static boolean isText(String mediaType) {
    if (mediaType == null) {
      return false;
    }
    String t = mediaType.toLowerCase(Locale.ROOT).trim();
    return t.startsWith("text/") || t.equals("application/json") || t.endsWith("+json") || t.equals("application/xml")
        || t.endsWith("+xml") || t.equals("application/javascript") || t.equals("application/x-javascript")
        || t.equals("application/graphql") || t.equals("application/ld+json");
  }
}
