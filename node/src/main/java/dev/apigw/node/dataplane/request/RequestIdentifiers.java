package dev.apigw.node.dataplane.request;

import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The ids every data-plane answer carries: {@code x-amzn-RequestId} and {@code x-amz-apigw-id}. */
public final class RequestIdentifiers {
  /** AWS's extended request id header. */
  public static final String APIGW_ID = "x-amz-apigw-id";

  private RequestIdentifiers() {}

  /**
   * A random (version 4) UUID from ThreadLocalRandom: request ids need to be unique, not
   * unpredictable, and UUID.randomUUID's shared SecureRandom is a point of contention.
   */
  public static String requestId() {
    var random = ThreadLocalRandom.current();
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  /** AWS's extended request id: 15 base64 characters and '='. */
  public static String extendedRequestId() {
    byte[] bytes = new byte[12];
    ThreadLocalRandom.current().nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes).substring(0, 15) + "=";
  }
}
