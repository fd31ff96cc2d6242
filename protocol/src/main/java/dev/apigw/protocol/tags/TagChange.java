package dev.apigw.protocol.tags;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What TagResource ({@code put}) or UntagResource ({@code remove}) asks of a resource's tags. It travels inside the
 * owning entity's command and is applied there to the entity's current tags, so concurrent tag calls on one resource
 * never overwrite each other.
 *
 * @param put tags to add or overwrite
 * @param remove keys to remove; absent keys are ignored, as in AWS
 */
public record TagChange(Map<String, String> put, List<String> remove) {
  public TagChange {
    put = put == null ? Map.of() : Map.copyOf(put);
    remove = remove == null ? List.of() : List.copyOf(remove);
  }

  /** TagResource: add or overwrite {@code tags}. */
  public static TagChange tag(Map<String, String> tags) {
    return new TagChange(tags, List.of());
  }

  /** UntagResource: remove {@code keys}. */
  public static TagChange untag(List<String> keys) {
    return new TagChange(Map.of(), keys);
  }

  /**
   * The tags after this change; a {@link dev.apigw.protocol.errors.BadRequestException} if they would break AWS's
   * rules (e.g. more than {@link TagRules#MAX_TAGS}), which only the merged result can tell.
   */
  public Map<String, String> applyTo(Map<String, String> current) {
    Map<String, String> next = new HashMap<>(current == null ? Map.of() : current);
    next.putAll(put);
    remove.forEach(next::remove);
    return Map.copyOf(TagRules.check(next));
  }
}
