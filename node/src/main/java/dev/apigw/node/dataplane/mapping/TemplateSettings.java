package dev.apigw.node.dataplane.mapping;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Limits of one mapping template render ({@code gateway.templates}): how long it may run and how
 * much text it may produce. A render past either limit stops and the request is answered like any
 * failed template (AWS's 500 Internal server error).
 *
 * @param timeBudget the longest one render may take
 * @param maxOutputChars the most characters a render may write, and the largest string or
 *     collection a template may build along the way
 */
public record TemplateSettings(Duration timeBudget, long maxOutputChars) {
  /**
   * The dispatcher integration templates render on ({@code gateway.templates.dispatcher}): a render may take up to
   * {@link #timeBudget}, so it holds one of these threads, never one of the data plane's.
   */
  public static final String DISPATCHER = "gateway.templates.dispatcher";

  /** AWS's bounds: 10 MB, the largest payload, and a second for a render. */
  public static final TemplateSettings DEFAULTS = new TemplateSettings(Duration.ofSeconds(1), 10L * 1024 * 1024);

  public TemplateSettings {
    if (timeBudget == null || timeBudget.isNegative() || timeBudget.isZero()) {
      throw new IllegalArgumentException("gateway.templates.time-budget: " + timeBudget + " (expected: > 0)");
    }
    if (maxOutputChars < 1) {
      throw new IllegalArgumentException("gateway.templates.max-output-size: " + maxOutputChars + " (expected: >= 1)");
    }
  }

  /** Reads {@code gateway.templates}. */
  public static TemplateSettings from(Config root) {
    Config c = root.getConfig("gateway.templates");
    return new TemplateSettings(c.getDuration("time-budget"), c.getBytes("max-output-size"));
  }
}
