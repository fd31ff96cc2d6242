package dev.apigw.node.controlplane.keys;

import dev.apigw.node.controlplane.common.PatchOperation.Op;
import dev.apigw.node.controlplane.common.PatchOperation;
import dev.apigw.protocol.errors.BadRequestException;
import java.util.List;

/** Reads {@code UpdateUsage} patch operations: AWS supports exactly {@code replace /remaining} with a count. */
final class UsagePatch {
  static final List<String> PATHS = List.of("/remaining");

  private UsagePatch() {}

  /** The new remaining quota (the last operation wins), or a 400 that says what was expected. */
  static long remaining(List<PatchOperation> ops) {
    if (ops.isEmpty()) {
      throw new BadRequestException("UpdateUsage needs a patch operation: op 'replace' on /remaining with the new remaining quota");
    }
    Long remaining = null;
    for (PatchOperation op : ops) {
      if (!op.is(Op.REPLACE, "/remaining")) {
        throw op.unsupported(PATHS);
      }
      String value = op.requiredValue();
      try {
        remaining = Long.parseLong(value.trim());
      } catch (NumberFormatException e) {
        throw new BadRequestException("Invalid value for /remaining: " + value + " (expected: an integer >= 0)");
      }
      if (remaining < 0) {
        throw new BadRequestException("Invalid value for /remaining: " + value + " (expected: an integer >= 0)");
      }
    }
    return remaining;
  }
}
