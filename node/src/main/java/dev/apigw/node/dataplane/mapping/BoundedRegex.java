package dev.apigw.node.dataplane.mapping;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Regexes that API authors write, run on what callers send, with a deadline: a pattern that
 * backtracks catastrophically (e.g. {@code (a+)+$} on {@code "aaaa...!"}) stops at the deadline with
 * {@link Timeout} instead of holding a thread for minutes. The matcher reads its input through a
 * {@link CharSequence} that checks the clock on every character read.
 */
public final class BoundedRegex {
  /** How long one author-written regex may run on one input. */
  public static final Duration DEFAULT_BUDGET = Duration.ofMillis(100);

  private BoundedRegex() {}

  /** The regex ran past its deadline. */
  public static final class Timeout extends RuntimeException {
    Timeout(String pattern, Duration budget) {
      super("Regex /" + pattern + "/ ran longer than " + budget.toMillis() + " ms (catastrophic backtracking?)",
          null, false, false);
    }
  }

  /**
   * Whether {@code pattern} matches all of {@code input}.
   *
   * @throws Timeout when matching takes longer than {@code budget}
   */
  public static boolean matches(Pattern pattern, CharSequence input, Duration budget) {
    return matcher(pattern, input, System.nanoTime() + budget.toNanos(), budget).matches();
  }

  /** A matcher of {@code pattern} on {@code input} that throws {@link Timeout} after {@code deadline}. */
  static Matcher matcher(Pattern pattern, CharSequence input, long deadline, Duration budget) {
    return pattern.matcher(deadlined(input, deadline, pattern.pattern(), budget));
  }

  /** {@code input} read through a sequence that throws {@link Timeout} after {@code deadline}. */
  static CharSequence deadlined(CharSequence input, long deadline, String pattern, Duration budget) {
    return new Deadlined(input, deadline, pattern, budget);
  }

  /** A char sequence that refuses to be read after its deadline. */
  private static final class Deadlined implements CharSequence {
    private final CharSequence text;
    private final long deadline;
    private final String pattern;
    private final Duration budget;
    private int reads;

    Deadlined(CharSequence text, long deadline, String pattern, Duration budget) {
      this.text = text;
      this.deadline = deadline;
      this.pattern = pattern;
      this.budget = budget;
    }

    @Override
    public char charAt(int index) {
      // nanoTime costs ~20 ns; every 256 reads keeps the overhead small and the overrun microseconds.
      if ((++reads & 0xFF) == 0 && System.nanoTime() - deadline > 0) {
        throw new Timeout(pattern, budget);
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Deadlined(text.subSequence(start, end), deadline, pattern, budget);
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }
}
