package dev.apigw.protocol.restapi;

import dev.apigw.protocol.CborSerializable;
import java.util.HashMap;
import java.util.Map;

/**
 * A node of an API's path tree.
 *
 * @param id 10 lowercase alphanumerics
 * @param parentId null for the root
 * @param pathPart the last segment ({@code pets}, {@code {petId}}, {@code {proxy+}}); null for the root
 * @param path the full path, {@code /} for the root
 * @param methods HTTP method to method
 */
public record Resource(String id, String parentId, String pathPart, String path, Map<String, Method> methods)
    implements CborSerializable {
  public Resource {
    methods = methods == null ? Map.of() : Map.copyOf(methods);
  }

  public Resource withMethod(Method method) {
    var next = new HashMap<>(methods);
    next.put(method.httpMethod(), method);
    return new Resource(id, parentId, pathPart, path, next);
  }

  public Resource withoutMethod(String httpMethod) {
    var next = new HashMap<>(methods);
    next.remove(httpMethod);
    return new Resource(id, parentId, pathPart, path, next);
  }

  /** Whether the path part is a path parameter, {@code {name}} or greedy {@code {name+}}. */
  public boolean isVariable() {
    return pathPart != null && pathPart.startsWith("{");
  }

  /** Whether the path part is greedy, {@code {name+}}. */
  public boolean isGreedy() {
    return pathPart != null && pathPart.endsWith("+}");
  }
}
