package dev.apigw.node.controlplane.restapi;

import dev.apigw.node.controlplane.common.PatchOperation;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.restapi.DefinitionChange;
import dev.apigw.protocol.restapi.Resource;
import java.util.List;

/**
 * UpdateResource's patch operations: {@code replace} of {@code /pathPart} (rename) and {@code /parentId} (move),
 * with AWS's messages for anything else. The definition checks the result (cycles, siblings, path part).
 */
final class ResourcePatch {
  private ResourcePatch() {}

  static DefinitionChange.ResourceUpdated apply(Resource current, List<PatchOperation> ops) {
    String parentId = current.parentId();
    String pathPart = current.pathPart();
    for (PatchOperation op : ops) {
      if (!op.path().equals("/pathPart") && !op.path().equals("/parentId")) {
        // AWS's text, double space included.
        throw new BadRequestException("Invalid patch path  '" + op.path() + "' specified for op '" + op.op().wire()
            + "'. Must be one of: [/parentId, /pathPart]");
      }
      if (op.op() != PatchOperation.Op.REPLACE) {
        throw new BadRequestException("Invalid patch path  '" + op.path() + "' specified for op '" + op.op().wire()
            + "'. Please choose supported operations");
      }
      if (op.path().equals("/parentId")) {
        parentId = op.requiredValue();
      } else {
        pathPart = op.requiredValue();
      }
    }
    return new DefinitionChange.ResourceUpdated(current.id(), parentId, pathPart);
  }
}
