package dev.apigw.node.controlplane.common;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.controlplane.common.JsonFields;
import dev.apigw.node.controlplane.common.PatchOperation;
import dev.apigw.protocol.errors.BadRequestException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads AWS's {@code {"patchOperations":[...]}} bodies. Shape errors are 400s; which paths a
 * resource supports is for the resource's own patch class to decide (see {@link
 * PatchOperation#unsupported}).
 */
public final class PatchOperations {
  /** AWS does not document a limit; this keeps one request's work bounded. */
  public static final int MAX_OPERATIONS = 100;

  private PatchOperations() {}

  /** The operations in order; an absent or empty list is allowed (AWS answers with the unchanged resource). */
  public static List<PatchOperation> parse(JsonNode body) {
    JsonNode ops = body.get("patchOperations");
    if (ops == null || ops.isNull()) {
      return List.of();
    }
    if (!ops.isArray()) {
      throw new BadRequestException("Invalid value for patchOperations (expected: a list of patch operations)");
    }
    if (ops.size() > MAX_OPERATIONS) {
      throw new BadRequestException("Too many patch operations: " + ops.size() + " (expected: at most " + MAX_OPERATIONS + ")");
    }
    List<PatchOperation> out = new ArrayList<>();
    for (JsonNode node : ops) {
      if (!node.isObject()) {
        throw new BadRequestException("Invalid patch operation: expected an object with op and path");
      }
      String op = JsonFields.string(node, "op");
      if (op == null) {
        throw new BadRequestException("Invalid patch operation: op is required");
      }
      String path = JsonFields.string(node, "path");
      if (path == null || !path.startsWith("/")) {
        throw new BadRequestException("Invalid patch path: " + path + " (expected: a path starting with /)");
      }
      out.add(new PatchOperation(PatchOperation.Op.fromWire(op), path, JsonFields.string(node, "value"), JsonFields.string(node, "from")));
    }
    return List.copyOf(out);
  }

  /** {@link #parse}, as the journal records operations. */
  public static List<dev.apigw.protocol.PatchOperation> parseForJournal(JsonNode body) {
    return parse(body).stream().map(PatchOperation::toJournal).toList();
  }
}
