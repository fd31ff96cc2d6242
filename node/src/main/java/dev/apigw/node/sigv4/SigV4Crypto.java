package dev.apigw.node.sigv4;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The building blocks of AWS Signature Version 4 that signing and verifying share: hashes, the
 * signing-key derivation, the date format and RFC 3986 encoding. It knows nothing of HTTP libraries.
 */
public final class SigV4Crypto {
  /** The only signing algorithm supported. */
  public static final String ALGORITHM = "AWS4-HMAC-SHA256";
  /** The last element of every credential scope. */
  public static final String TERMINATOR = "aws4_request";
  /** The {@code X-Amz-Date} format: ISO 8601 basic, UTC, e.g. {@code 20150830T123600Z}. */
  public static final DateTimeFormatter BASIC_ISO =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private static final HexFormat HEX = HexFormat.of();
  private static final HexFormat HEX_UPPER = HexFormat.of().withUpperCase();

  private SigV4Crypto() {}

  /** Lowercase hexadecimal, as every hash and signature in SigV4 is written. */
  public static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /** SHA-256 of the bytes. */
  public static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /** HMAC-SHA256 of the UTF-8 bytes of {@code data}. */
  public static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
    }
  }

  /** The key for one day, region and service: HMAC chain from {@code "AWS4" + secret}. */
  public static byte[] signingKey(String secret, String day, String region, String service) {
    byte[] key = hmac(("AWS4" + secret).getBytes(UTF_8), day);
    key = hmac(key, region);
    key = hmac(key, service);
    return hmac(key, TERMINATOR);
  }

  /** The string to sign: algorithm, date, credential scope and the canonical request's hash. */
  public static String stringToSign(
      String amzDate, String day, String region, String service, String canonicalRequest) {
    return ALGORITHM + "\n" + amzDate + "\n" + day + "/" + region + "/" + service + "/" + TERMINATOR
        + "\n" + hex(sha256(canonicalRequest.getBytes(UTF_8)));
  }

  /** A header value as canonical headers carry it: trimmed, inner runs of blanks made one space. */
  public static String canonicalHeaderValue(String value) {
    return value.trim().replaceAll("\\s+", " ");
  }

  /** RFC 3986 encoding of UTF-8 bytes: unreserved characters stay, all else is %XX. */
  public static String uriEncode(String s, boolean keepSlash) {
    StringBuilder out = new StringBuilder(s.length());
    for (byte b : s.getBytes(UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/')) {
        out.append(c);
      } else {
        out.append('%').append(HEX_UPPER.toHexDigits(b));
      }
    }
    return out.toString();
  }
}
