package dev.apigw.node.dataplane.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds {@code $ref} loops that never descend into the instance: {@code {"$ref": ".../models/Self"}},
 * A refs B refs A, or {@code allOf: [{"$ref": "#"}]}. A validator follows such a loop forever on the
 * same value (a StackOverflowError per request), so the model is refused when its method compiles.
 * Refs under keywords that validate a part of the instance ({@code properties}, {@code items}, ...)
 * are fine: recursive models like a tree consume input at every step.
 */
final class RefCycles {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Keywords whose subschemas apply to the same instance as the schema holding them. */
  private static final Set<String> SAME_INSTANCE = Set.of("allOf", "anyOf", "oneOf", "not");

  /** A schema location: a model and a JSON pointer in its document ("" for the whole). */
  private record Location(String model, String pointer) {
    @Override
    public String toString() {
      return pointer.isEmpty() ? model : model + "#" + pointer;
    }
  }

  private final String modelUrlPrefix;
  private final Map<String, String> schemasByName;
  private final Map<String, JsonNode> parsed = new HashMap<>();

  RefCycles(String modelUrlPrefix, Map<String, String> schemasByName) {
    this.modelUrlPrefix = modelUrlPrefix;
    this.schemasByName = schemasByName;
  }

  /**
   * Throws when following same-instance {@code $ref}s from {@code model} comes back to a location
   * already on the path.
   *
   * @throws IllegalArgumentException naming the loop
   */
  void check(String model) {
    walk(new Location(model, ""), new ArrayList<>(), new HashSet<>());
  }

  private void walk(Location at, List<Location> path, Set<Location> done) {
    if (done.contains(at)) {
      return;
    }
    int seen = path.indexOf(at);
    if (seen >= 0) {
      List<Location> loop = new ArrayList<>(path.subList(seen, path.size()));
      loop.add(at);
      throw new IllegalArgumentException("Model '" + path.get(0).model() + "' has a $ref loop that validates the"
          + " same value forever: " + String.join(" -> ", loop.stream().map(Location::toString).toList())
          + " (expected: $refs that lead, through properties or items, to a part of the value)");
    }
    JsonNode node = node(at);
    if (node == null) {
      return; // a dangling ref: the schema compiler reports it
    }
    path.add(at);
    List<Location> targets = new ArrayList<>();
    collect(at.model(), node, targets);
    for (Location target : targets) {
      walk(target, path, done);
    }
    path.remove(path.size() - 1);
    done.add(at);
  }

  /** The same-instance refs of {@code schema} (itself and its allOf/anyOf/oneOf/not). */
  private void collect(String model, JsonNode schema, List<Location> out) {
    if (!schema.isObject()) {
      return;
    }
    JsonNode ref = schema.get("$ref");
    if (ref != null && ref.isTextual()) {
      Location target = resolve(model, ref.asText());
      if (target != null) {
        out.add(target);
      }
    }
    for (String keyword : SAME_INSTANCE) {
      JsonNode sub = schema.get(keyword);
      if (sub == null) {
        continue;
      }
      if (sub.isArray()) {
        sub.forEach(s -> collect(model, s, out));
      } else {
        collect(model, sub, out);
      }
    }
  }

  private Location resolve(String model, String ref) {
    int hash = ref.indexOf('#');
    String document = hash < 0 ? ref : ref.substring(0, hash);
    String pointer = hash < 0 ? "" : ref.substring(hash + 1);
    if (document.isEmpty()) {
      return new Location(model, pointer);
    }
    if (document.startsWith(modelUrlPrefix)) {
      return new Location(document.substring(modelUrlPrefix.length()), pointer);
    }
    return null;
  }

  private JsonNode node(Location at) {
    JsonNode root = parsed.computeIfAbsent(at.model(), name -> {
      String text = schemasByName.get(name);
      if (text == null) {
        return null;
      }
      try {
        return JSON.readTree(text);
      } catch (JsonProcessingException e) {
        return null; // the schema compiler reports it
      }
    });
    if (root == null) {
      return null;
    }
    JsonNode node = at.pointer().isEmpty() ? root : root.at(at.pointer());
    return node.isMissingNode() ? null : node;
  }
}
