package dev.apigw.protocol.tags;

import dev.apigw.protocol.errors.BadRequestException;
import java.util.Map;

/** AWS's rules for resource tags: at most 50, keys 1-128 characters not starting with {@code aws:}, values up to 256. */
public final class TagRules {
  public static final int MAX_TAGS = 50;

  private TagRules() {}

  /** Returns {@code tags} if they follow the rules, else a 400 that says which rule broke. */
  public static Map<String, String> check(Map<String, String> tags) {
    if (tags.size() > MAX_TAGS) {
      throw new BadRequestException("Too many tags: " + tags.size() + " (expected: at most " + MAX_TAGS + ")");
    }
    tags.forEach(
        (key, value) -> {
          if (key.isEmpty() || key.length() > 128) {
            throw new BadRequestException("Invalid tag key: '" + key + "' (expected: 1-128 characters)");
          }
          if (key.startsWith("aws:")) {
            throw new BadRequestException("Invalid tag key: '" + key + "' (the aws: prefix is reserved)");
          }
          if (value.length() > 256) {
            throw new BadRequestException("Invalid tag value for '" + key + "' (expected: at most 256 characters)");
          }
        });
    return tags;
  }
}
