package dev.apigw.node.dataplane.mapping;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Map;

/**
 * What one render may still spend: a deadline and a size limit, checked by the writer, the #foreach
 * iterators, method calls, string building and ranges. Velocity renders on the calling thread, so the
 * render's budget is found through a thread-local set for the duration of {@link MappingTemplate#render}.
 */
final class RenderBudget {
  /** The most elements a range or a collection built by a template may hold. */
  static final int MAX_ELEMENTS = 1_000_000;

  private static final ThreadLocal<RenderBudget> CURRENT = new ThreadLocal<>();

  private final long deadline;
  private final long maxChars;
  private final String budgetText;
  /** Characters inserted by references, into the output and into strings the template builds. */
  private long inserted;

  RenderBudget(TemplateSettings settings) {
    this.deadline = System.nanoTime() + settings.timeBudget().toNanos();
    this.maxChars = settings.maxOutputChars();
    this.budgetText = settings.timeBudget().toMillis() + " ms";
  }

  /** The budget of the render running on this thread, or null outside a render. */
  static RenderBudget current() {
    return CURRENT.get();
  }

  /** Makes this the thread's budget; the returned handle restores the previous one. */
  AutoCloseable enter() {
    RenderBudget previous = CURRENT.get();
    CURRENT.set(this);
    return () -> {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    };
  }

  long maxChars() {
    return maxChars;
  }

  long deadlineNanos() {
    return deadline;
  }

  /** Throws once the deadline has passed. */
  void checkTime() {
    if (System.nanoTime() - deadline > 0) {
      throw new TemplateLimitException("Mapping template exceeded its time budget of " + budgetText);
    }
  }

  /** Throws when a string of {@code chars} characters would be larger than the budget allows. */
  void checkChars(long chars, String what) {
    if (chars > maxChars) {
      throw new TemplateLimitException("Mapping template exceeded its size budget: " + what + " of " + chars
          + " characters (expected: <= " + maxChars + ")");
    }
  }

  /** Throws when a collection of {@code elements} would be larger than the budget allows. */
  void checkElements(long elements, String what) {
    if (elements > MAX_ELEMENTS) {
      throw new TemplateLimitException("Mapping template exceeded its size budget: " + what + " of " + elements
          + " elements (expected: <= " + MAX_ELEMENTS + ")");
    }
  }

  /** Counts characters a reference inserts; all insertions of a render together may total twice the budget. */
  void inserted(long chars) {
    checkTime();
    inserted += chars;
    if (inserted > 2 * maxChars) {
      throw new TemplateLimitException("Mapping template exceeded its size budget: references inserted "
          + inserted + " characters (expected: <= " + 2 * maxChars + ")");
    }
  }

  /** Checks the size of a value a template made or holds: string length or element count. */
  void checkValue(Object value, String what) {
    if (value instanceof CharSequence s) {
      checkChars(s.length(), what);
    } else if (value instanceof Collection<?> c) {
      checkElements(c.size(), what);
    } else if (value instanceof Map<?, ?> m) {
      checkElements(m.size(), what);
    } else if (value != null && value.getClass().isArray()) {
      checkElements(Array.getLength(value), what);
    }
  }

  /** The length of a string value, else 0. */
  static long chars(Object value) {
    return value instanceof CharSequence s ? s.length() : 0;
  }
}
