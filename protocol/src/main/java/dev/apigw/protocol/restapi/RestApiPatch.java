package dev.apigw.protocol.restapi;

import dev.apigw.protocol.PatchOperation;
import dev.apigw.protocol.errors.BadRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Applies AWS's {@code UpdateRestApi} patch operations: {@code /name}, {@code /description},
 * {@code /version}, {@code /apiKeySource}, {@code /minimumCompressionSize}, {@code
 * /disableExecuteApiEndpoint}, {@code /policy}, and add/remove of {@code /binaryMediaTypes/{type}}
 * (with {@code ~1} for {@code /}).
 */
public final class RestApiPatch {
  private static final Set<String> API_KEY_SOURCES = Set.of("HEADER", "AUTHORIZER");

  private RestApiPatch() {}

  /** The API after {@code ops}, all or nothing. */
  public static RestApi apply(RestApi api, List<PatchOperation> ops) {
    RestApi current = api;
    for (PatchOperation op : ops) {
      current = applyOne(current, op);
    }
    return current;
  }

  private static RestApi applyOne(RestApi a, PatchOperation op) {
    String path = op.path();
    String value = op.value();
    if (path.startsWith("/binaryMediaTypes/")) {
      String type = path.substring("/binaryMediaTypes/".length()).replace("~1", "/").replace("~0", "~");
      List<String> types = new ArrayList<>(a.binaryMediaTypes());
      switch (op.op()) {
        case "add" -> {
          if (!types.contains(type)) {
            types.add(type);
          }
        }
        case "remove" -> types.remove(type);
        default -> throw op.invalidPath();
      }
      return new RestApi(a.id(), a.name(), a.description(), a.createdDate(), a.version(), types,
          a.minimumCompressionSize(), a.apiKeySource(), a.endpointTypes(), a.disableExecuteApiEndpoint(), a.policy(),
          a.tags(), a.rootResourceId());
    }
    boolean remove = op.op().equals("remove");
    if (!remove && !op.op().equals("replace")) {
      throw op.invalidPath();
    }
    return switch (path) {
      case "/name" -> {
        if (remove || value == null || value.isBlank() || value.length() > 1024) {
          throw new BadRequestException("Invalid REST API name specified: name is required (1-1024 characters)");
        }
        yield new RestApi(a.id(), value, a.description(), a.createdDate(), a.version(), a.binaryMediaTypes(),
            a.minimumCompressionSize(), a.apiKeySource(), a.endpointTypes(), a.disableExecuteApiEndpoint(), a.policy(),
            a.tags(), a.rootResourceId());
      }
      case "/description" -> new RestApi(a.id(), a.name(), remove ? null : value, a.createdDate(), a.version(),
          a.binaryMediaTypes(), a.minimumCompressionSize(), a.apiKeySource(), a.endpointTypes(),
          a.disableExecuteApiEndpoint(), a.policy(), a.tags(), a.rootResourceId());
      case "/version" -> new RestApi(a.id(), a.name(), a.description(), a.createdDate(), remove ? null : value,
          a.binaryMediaTypes(), a.minimumCompressionSize(), a.apiKeySource(), a.endpointTypes(),
          a.disableExecuteApiEndpoint(), a.policy(), a.tags(), a.rootResourceId());
      case "/apiKeySource" -> {
        if (!API_KEY_SOURCES.contains(value)) {
          throw new BadRequestException("Invalid API Key Source specified: " + value + " (expected: HEADER or AUTHORIZER)");
        }
        yield new RestApi(a.id(), a.name(), a.description(), a.createdDate(), a.version(), a.binaryMediaTypes(),
            a.minimumCompressionSize(), value, a.endpointTypes(), a.disableExecuteApiEndpoint(), a.policy(), a.tags(),
            a.rootResourceId());
      }
      case "/minimumCompressionSize" -> {
        Integer size = remove || value == null || value.isEmpty() ? null : StagePatch.intInRange("minimumCompressionSize", value, 0, 10485760);
        yield new RestApi(a.id(), a.name(), a.description(), a.createdDate(), a.version(), a.binaryMediaTypes(), size,
            a.apiKeySource(), a.endpointTypes(), a.disableExecuteApiEndpoint(), a.policy(), a.tags(), a.rootResourceId());
      }
      case "/disableExecuteApiEndpoint" -> new RestApi(a.id(), a.name(), a.description(), a.createdDate(), a.version(),
          a.binaryMediaTypes(), a.minimumCompressionSize(), a.apiKeySource(), a.endpointTypes(),
          StagePatch.bool("disableExecuteApiEndpoint", value), a.policy(), a.tags(), a.rootResourceId());
      case "/policy" -> new RestApi(a.id(), a.name(), a.description(), a.createdDate(), a.version(),
          a.binaryMediaTypes(), a.minimumCompressionSize(), a.apiKeySource(), a.endpointTypes(),
          a.disableExecuteApiEndpoint(), remove ? null : value, a.tags(), a.rootResourceId());
      default -> throw op.invalidPath();
    };
  }

}
