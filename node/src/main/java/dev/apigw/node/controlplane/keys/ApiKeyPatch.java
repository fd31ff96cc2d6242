package dev.apigw.node.controlplane.keys;

import dev.apigw.node.controlplane.common.PatchOperation.Op;
import dev.apigw.node.controlplane.common.PatchOperation;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.keys.ApiKey;
import java.util.ArrayList;
import java.util.List;

/** Applies {@code UpdateApiKey} patch operations to a key; unsupported ops or paths are 400s. */
final class ApiKeyPatch {
  static final List<String> PATHS = List.of("/name", "/description", "/enabled", "/customerId", "/stages");

  private ApiKeyPatch() {}

  static ApiKey apply(ApiKey key, List<PatchOperation> ops) {
    ApiKey out = key;
    for (PatchOperation op : ops) {
      out = apply(out, op);
    }
    return out;
  }

  private static ApiKey apply(ApiKey key, PatchOperation op) {
    if (op.op() == Op.REPLACE) {
      switch (op.path()) {
        case "/name":
          return key.withName(op.value());
        case "/description":
          return key.withDescription(op.value());
        case "/enabled":
          return key.withEnabled(op.booleanValue());
        case "/customerId":
          return key.withCustomerId(op.value());
        default:
          throw op.unsupported(PATHS);
      }
    }
    if (op.path().equals("/stages") && (op.op() == Op.ADD || op.op() == Op.REMOVE)) {
      String stageKey = op.requiredValue();
      if (!stageKey.matches("[^/]+/[^/]+")) {
        throw new BadRequestException("Invalid stage key: " + stageKey + " (expected: restApiId/stageName)");
      }
      List<String> stages = new ArrayList<>(key.stageKeys());
      if (op.op() == Op.ADD) {
        if (!stages.contains(stageKey)) {
          stages.add(stageKey);
        }
      } else {
        stages.remove(stageKey);
      }
      return key.withStageKeys(stages);
    }
    throw op.unsupported(PATHS);
  }
}
