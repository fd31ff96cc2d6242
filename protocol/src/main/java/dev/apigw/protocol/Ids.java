package dev.apigw.protocol;

import java.security.SecureRandom;

/** Generates identifiers shaped like AWS's: 10 lowercase alphanumerics, never derived from user input. */
public final class Ids {
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  /** A new API, resource or deployment id, e.g. {@code a1b2c3d4e5}. */
  public static String newId() {
    return random(10);
  }

  /** {@code length} random lowercase alphanumerics. */
  public static String random(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }
}
