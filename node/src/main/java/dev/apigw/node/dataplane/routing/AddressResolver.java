package dev.apigw.node.dataplane.routing;

import java.util.Locale;

/**
 * Reads the API and stage from a request, the two ways AWS offers: the host
 * {@code {apiId}.execute-api.<domain>} with {@code /{stage}/{path}}, and the path style
 * {@code /restapis/{apiId}/{stage}/_user_request_/{path}} (usable without DNS).
 */
public final class AddressResolver {
  private static final String PATH_STYLE_PREFIX = "/restapis/";
  private static final String USER_REQUEST = "_user_request_";

  private final String hostSuffix;

  /** {@code domain}: what follows {@code execute-api.} in host names, e.g. {@code localhost}. */
  public AddressResolver(String domain) {
    this.hostSuffix = ".execute-api." + domain.toLowerCase(Locale.ROOT);
  }

  /** The address, or null when the request names no API. */
  public ApiAddress resolve(String hostHeader, String rawPath) {
    String host = stripPort(hostHeader == null ? "" : hostHeader.toLowerCase(Locale.ROOT));
    String prefix = host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
    if (host.endsWith(hostSuffix) && host.length() > hostSuffix.length()) {
      String apiId = host.substring(0, host.length() - hostSuffix.length());
      return stageAndPath(apiId, rawPath, host, prefix);
    }
    if (rawPath.startsWith(PATH_STYLE_PREFIX)) {
      return pathStyle(rawPath, host, prefix);
    }
    return null;
  }

  private static ApiAddress pathStyle(String rawPath, String host, String prefix) {
    // /restapis/{apiId}/{stage}/_user_request_/{path}
    String rest = rawPath.substring(PATH_STYLE_PREFIX.length());
    String[] parts = rest.split("/", 4);
    if (parts.length < 3 || parts[0].isEmpty() || parts[1].isEmpty() || !USER_REQUEST.equals(parts[2])) {
      return null;
    }
    String path = parts.length == 4 ? "/" + parts[3] : "/";
    return new ApiAddress(parts[0], parts[1], path, host, prefix);
  }

  private static ApiAddress stageAndPath(String apiId, String rawPath, String host, String prefix) {
    String rest = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    if (rest.isEmpty()) {
      return new ApiAddress(apiId, null, "/", host, prefix);
    }
    int slash = rest.indexOf('/');
    String stage = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "/" : rest.substring(slash);
    return new ApiAddress(apiId, stage, path, host, prefix);
  }

  private static String stripPort(String host) {
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end < 0 ? host : host.substring(0, end + 1);
    }
    int colon = host.indexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }
}
