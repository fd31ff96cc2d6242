package dev.apigw.node.controlplane.openapi;

import dev.apigw.protocol.errors.BadRequestException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query parameters of ImportRestApi / PutRestApi: {@code failonwarnings} and AWS's import
 * {@code parameters} ({@code endpointConfigurationTypes}, {@code basepath}, {@code ignore}).
 *
 * @param failOnWarnings whether a skipped construct fails the import
 * @param basePath ignore (default), prepend or split: what to do with the document's base path
 * @param endpointType EDGE (default), REGIONAL or PRIVATE; only used when an import creates the API
 * @param unknownParameters parameter names this gateway does not know, reported as warnings
 * @param ignoreDocumentation {@code ignore=documentation}: leave the document's documentation parts out
 */
record ImportOptions(boolean failOnWarnings, String basePath, String endpointType, List<String> unknownParameters,
    boolean ignoreDocumentation) {
  private static final Set<String> BASE_PATH_MODES = Set.of("ignore", "prepend", "split");
  private static final Set<String> ENDPOINT_TYPES = Set.of("EDGE", "REGIONAL", "PRIVATE");
  // Parameters that are not import parameters: the operation's own query string.
  private static final Set<String> OWN = Set.of("mode", "failonwarnings");

  static ImportOptions from(Map<String, String> query) {
    boolean fail = switch (query.getOrDefault("failonwarnings", "false").toLowerCase()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new BadRequestException(
          "Invalid value for failonwarnings: " + query.get("failonwarnings") + " (expected: true or false)");
    };
    String basePath = query.getOrDefault("basepath", "ignore").toLowerCase();
    if (!BASE_PATH_MODES.contains(basePath)) {
      throw new BadRequestException("Invalid value for basepath: " + query.get("basepath")
          + " (expected one of [ignore, prepend, split])");
    }
    String endpoint = query.getOrDefault("endpointConfigurationTypes", "EDGE").toUpperCase();
    if (!ENDPOINT_TYPES.contains(endpoint)) {
      throw new BadRequestException("Invalid value for endpointConfigurationTypes: "
          + query.get("endpointConfigurationTypes") + " (expected one of [EDGE, REGIONAL, PRIVATE])");
    }
    String ignore = query.get("ignore");
    if (ignore != null && !ignore.equals("documentation")) {
      throw new BadRequestException("Invalid value for ignore: " + ignore + " (expected: documentation)");
    }
    List<String> unknown = query.keySet().stream()
        .filter(k -> !OWN.contains(k) && !Set.of("basepath", "endpointConfigurationTypes", "ignore").contains(k))
        .sorted()
        .toList();
    return new ImportOptions(fail, basePath, endpoint, unknown, ignore != null);
  }
}
