package dev.apigw.node.controlplane.common;

import dev.apigw.protocol.errors.BadRequestException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** AWS's {@code position}/{@code limit} paging: page sizes and in-memory pages of ordered lists. */
public final class Paging {
  public static final int DEFAULT_LIMIT = 25;
  public static final int MAX_LIMIT = 500;

  private Paging() {}

  /** A page of items and the position of the next page, or null on the last one. */
  public record Page<T>(List<T> items, String position) {}

  /** AWS's page size: default 25, at most 500. */
  public static int limit(Optional<String> raw) {
    return pageSize("limit", raw.orElse(null));
  }

  /** apigatewayv2's {@code maxResults}: default 25, 1-500. */
  public static int maxResults(String raw) {
    return pageSize("maxResults", raw == null ? null : raw.trim());
  }

  private static int pageSize(String parameter, String raw) {
    if (raw == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(raw);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // falls through to the 400 below
    }
    throw new BadRequestException("Invalid " + parameter + ": " + raw + " (expected: an integer from 1 to " + MAX_LIMIT
        + ")");
  }

  /**
   * The page of {@code items} that starts at the item whose id is {@code position} (null: the
   * start); the next position is the id of the first item after the page.
   */
  public static <T> Page<T> page(List<T> items, Function<T, String> id, String position, int limit) {
    int from = 0;
    if (position != null) {
      from = items.stream().map(id).toList().indexOf(position);
      if (from < 0) {
        throw new BadRequestException("Invalid position: " + position);
      }
    }
    int to = Math.min(items.size(), from + limit);
    return new Page<>(items.subList(from, to), to < items.size() ? id.apply(items.get(to)) : null);
  }
}
