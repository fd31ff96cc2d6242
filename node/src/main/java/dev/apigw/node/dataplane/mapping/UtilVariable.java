package dev.apigw.node.dataplane.mapping;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code $util}: the helper functions API Gateway gives templates. Stateless and shared by all
 * renders; public only because Velocity calls its methods. A null argument gives a null result,
 * which renders as nothing. Failures throw {@link MappingException}: Velocity would swallow an
 * {@link IllegalArgumentException} as a mere argument mismatch.
 */
public final class UtilVariable {
  static final UtilVariable INSTANCE = new UtilVariable();

  private UtilVariable() {}

  /** Escapes with JavaScript string rules; single quotes become {@code \'} as AWS documents. */
  public String escapeJavaScript(Object value) {
    return value == null ? null : JavaScriptEscaper.escape(String.valueOf(value));
  }

  /** Parses stringified JSON into maps, lists and scalars the template can navigate. */
  public Object parseJson(String json) {
    return json == null ? null : JsonValues.forTemplate(JsonValues.parseStrict(json));
  }

  /** Compact JSON of a value (not in AWS's REST list, but AppSync's; cheap and handy). */
  public String toJson(Object value) {
    return JsonValues.write(value);
  }

  /** Base64 of the UTF-8 bytes of {@code value}. */
  public String base64Encode(Object value) {
    return value == null
        ? null
        : Base64.getEncoder()
            .encodeToString(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
  }

  /** The UTF-8 text {@code value} encodes in base64. */
  public String base64Decode(String value) {
    if (value == null) {
      return null;
    }
    try {
      return new String(Base64.getDecoder().decode(value.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new MappingException(
          "base64Decode: not base64 (expected: RFC 4648 base64 text): " + e.getMessage(), e);
    }
  }

  /** {@code application/x-www-form-urlencoded} form of {@code value} (space becomes {@code +}). */
  public String urlEncode(Object value) {
    return value == null ? null : URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
  }

  /** Decodes {@code application/x-www-form-urlencoded} text. */
  public String urlDecode(String value) {
    return value == null ? null : URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "$util";
  }
}
