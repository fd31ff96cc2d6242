package dev.apigw.node.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.protocol.PatchOperation;
import dev.apigw.protocol.errors.BadRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads AWS's {@code {"patchOperations": [{"op","path","value","from"}]}} update bodies. */
public final class PatchOperations {
  private static final Set<String> OPS = Set.of("add", "remove", "replace", "move", "copy", "test");

  private PatchOperations() {}

  /** The operations in order; 400 for a missing path or an unknown op. */
  public static List<PatchOperation> parse(JsonNode body) {
    JsonNode ops = body.get("patchOperations");
    if (ops == null || ops.isNull()) {
      return List.of();
    }
    if (!ops.isArray()) {
      throw new BadRequestException("Invalid value for patchOperations (expected: a list of operations)");
    }
    List<PatchOperation> out = new ArrayList<>();
    for (JsonNode op : ops) {
      String name = JsonFields.string(op, "op");
      String path = JsonFields.string(op, "path");
      if (name == null || !OPS.contains(name)) {
        throw new BadRequestException("Invalid patch operation specified: " + name + " (expected one of " + OPS + ")");
      }
      if (path == null || !path.startsWith("/")) {
        throw new BadRequestException("Invalid patch path specified: " + path);
      }
      out.add(new PatchOperation(name, path, JsonFields.string(op, "value"), JsonFields.string(op, "from")));
    }
    return List.copyOf(out);
  }
}
