package dev.apigw.protocol.restapi;

import dev.apigw.protocol.CborSerializable;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.ValidationErrors;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An API's documentation: its parts and the published versions (each a snapshot of the parts). Part of the
 * journal's schema (inside {@link ApiDefinition}): add fields only with defaults, never rename one.
 *
 * @param parts part id to part
 * @param versions version name to version
 */
public record Documentation(Map<String, Part> parts, Map<String, Version> versions) implements CborSerializable {
  /** AWS's location types. */
  public static final List<String> TYPES = List.of("API", "AUTHORIZER", "MODEL", "RESOURCE", "METHOD", "PATH_PARAMETER",
      "QUERY_PARAMETER", "REQUEST_HEADER", "REQUEST_BODY", "RESPONSE", "RESPONSE_HEADER", "RESPONSE_BODY");
  private static final Set<String> NAMED = Set.of("AUTHORIZER", "MODEL", "PATH_PARAMETER", "QUERY_PARAMETER",
      "REQUEST_HEADER", "RESPONSE_HEADER");
  private static final Set<String> WITH_PATH = Set.of("RESOURCE", "METHOD", "PATH_PARAMETER", "QUERY_PARAMETER",
      "REQUEST_HEADER", "REQUEST_BODY", "RESPONSE", "RESPONSE_HEADER", "RESPONSE_BODY");
  private static final Set<String> WITH_METHOD = Set.of("METHOD", "PATH_PARAMETER", "QUERY_PARAMETER",
      "REQUEST_HEADER", "REQUEST_BODY", "RESPONSE", "RESPONSE_HEADER", "RESPONSE_BODY");
  private static final Set<String> WITH_STATUS = Set.of("RESPONSE", "RESPONSE_HEADER", "RESPONSE_BODY");

  public static final Documentation EMPTY = new Documentation(Map.of(), Map.of());

  public Documentation {
    parts = parts == null ? Map.of() : Map.copyOf(parts);
    versions = versions == null ? Map.of() : Map.copyOf(versions);
  }

  /** Parts in a stable order (by location, then id). */
  public List<Part> partsInOrder() {
    return parts.values().stream().sorted(Comparator.comparing((Part p) -> p.location().toString())
        .thenComparing(Part::id)).toList();
  }

  /** The part already at {@code location}, if any. */
  public Part at(Location location) {
    return parts.values().stream().filter(p -> p.location().equals(location)).findFirst().orElse(null);
  }

  /**
   * Where a part documents: AWS's {@code DocumentationPartLocation}, with the fields that do not apply to its type
   * left null and the others defaulted like AWS ({@code path} "/", {@code method} and {@code statusCode} "*").
   */
  public record Location(String type, String path, String method, String statusCode, String name)
      implements CborSerializable {
    /** Checks and normalises a location as AWS does. */
    public static Location of(String type, String path, String method, String statusCode, String name) {
      if (type == null || !TYPES.contains(type)) {
        // AWS lists the types in this order, and answers an unknown type this way even when absent.
        ValidationErrors.of("CreateDocumentationPart").oneOf("location.type", String.valueOf(type), List.of(
            "RESPONSE_BODY", "RESPONSE", "METHOD", "MODEL", "AUTHORIZER", "RESPONSE_HEADER", "RESOURCE",
            "PATH_PARAMETER", "REQUEST_BODY", "QUERY_PARAMETER", "API", "REQUEST_HEADER")).throwIfAny();
      }
      if (NAMED.contains(type) && (name == null || name.isBlank())) {
        throw new BadRequestException("Invalid documentation part location: name is required for type " + type);
      }
      return new Location(type,
          WITH_PATH.contains(type) ? Objects.requireNonNullElse(path, "/") : null,
          WITH_METHOD.contains(type) ? Objects.requireNonNullElse(method, "*") : null,
          WITH_STATUS.contains(type) ? Objects.requireNonNullElse(statusCode, "*") : null,
          NAMED.contains(type) ? name : null);
    }
  }

  /** One documentation part; {@code properties} is a JSON object as a string. */
  public record Part(String id, Location location, String properties) implements CborSerializable {}

  /** A published version: a snapshot of the parts when it was created. */
  public record Version(String version, Instant createdDate, String description, Map<String, Part> parts)
      implements CborSerializable {
    public Version {
      parts = parts == null ? Map.of() : Map.copyOf(parts);
    }
  }
}
