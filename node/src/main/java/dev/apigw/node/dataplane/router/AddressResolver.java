package dev.apigw.node.dataplane.router;

import dev.apigw.node.dataplane.routing.ApiAddress;
import dev.apigw.node.dataplane.snapshot.DomainSnapshot;
import dev.apigw.protocol.domains.BasePathMapping;
import java.util.List;
import java.util.Locale;

/**
 * Reads the API and stage from a request, the ways AWS offers: the host
 * {@code {apiId}.execute-api.<domain>} with {@code /{stage}/{path}}; a custom domain name whose
 * base path mapping (longest match first, {@code (none)} last) names the API and, unless it names
 * the stage too, the stage as the next path part; and LocalStack's path style
 * {@code /restapis/{apiId}/{stage}/_user_request_/{path}} (usable without DNS).
 */
public final class AddressResolver {
  private static final String PATH_STYLE_PREFIX = "/restapis/";
  private static final String USER_REQUEST = "_user_request_";

  private final String hostSuffix;
  private final DomainSnapshot domains;

  /**
   * @param domain what follows {@code execute-api.} in host names, e.g. {@code localhost}
   * @param domains the custom domain names and their mappings
   */
  public AddressResolver(String domain, DomainSnapshot domains) {
    this.hostSuffix = ".execute-api." + domain.toLowerCase(Locale.ROOT);
    this.domains = domains;
  }

  /** The address; null when the request names no API; {@link ApiAddress#UNMAPPED} for an unmapped custom domain path. */
  public ApiAddress resolve(String hostHeader, String rawPath) {
    String host = stripPort(hostHeader == null ? "" : hostHeader.toLowerCase(Locale.ROOT));
    String prefix = host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
    if (host.endsWith(hostSuffix) && host.length() > hostSuffix.length()) {
      String apiId = host.substring(0, host.length() - hostSuffix.length());
      return stageAndPath(apiId, rawPath, host, prefix, false);
    }
    List<BasePathMapping> mappings = domains.mappings(host);
    if (mappings != null) {
      // A custom domain serves the APIs mapped to it and nothing else: no path-style detour to other APIs.
      return customDomain(mappings, rawPath, host, prefix);
    }
    return rawPath.startsWith(PATH_STYLE_PREFIX) ? pathStyle(rawPath, host, prefix) : null;
  }

  private static ApiAddress customDomain(List<BasePathMapping> mappings, String rawPath, String host, String prefix) {
    String path = rawPath.startsWith("/") ? rawPath : "/" + rawPath;
    for (BasePathMapping m : mappings) {
      String rest;
      if (m.basePath() == null || m.basePath().isEmpty() || BasePathMapping.NONE.equals(m.basePath())) {
        rest = path;
      } else if (path.equals("/" + m.basePath()) || path.startsWith("/" + m.basePath() + "/")) {
        rest = path.substring(m.basePath().length() + 1);
      } else {
        continue;
      }
      if (m.stage() != null && !m.stage().isEmpty()) {
        return new ApiAddress(m.restApiId(), m.stage(), rest.isEmpty() ? "/" : rest, host, prefix, true);
      }
      return stageAndPath(m.restApiId(), rest, host, prefix, true);
    }
    return ApiAddress.UNMAPPED;
  }

  private static ApiAddress pathStyle(String rawPath, String host, String prefix) {
    // /restapis/{apiId}/{stage}/_user_request_/{path}
    String rest = rawPath.substring(PATH_STYLE_PREFIX.length());
    String[] parts = rest.split("/", 4);
    if (parts.length < 3 || parts[0].isEmpty() || parts[1].isEmpty() || !USER_REQUEST.equals(parts[2])) {
      return null;
    }
    String path = parts.length == 4 ? "/" + parts[3] : "/";
    return new ApiAddress(parts[0], parts[1], path, host, prefix, false);
  }

  private static ApiAddress stageAndPath(String apiId, String rawPath, String host, String prefix,
      boolean customDomain) {
    String rest = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    if (rest.isEmpty()) {
      return new ApiAddress(apiId, null, "/", host, prefix, customDomain);
    }
    int slash = rest.indexOf('/');
    String stage = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "/" : rest.substring(slash);
    return new ApiAddress(apiId, stage, path, host, prefix, customDomain);
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
