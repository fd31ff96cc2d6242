package dev.apigw.node.controlplane.restapi;

import dev.apigw.node.controlplane.common.PatchOperation;
import dev.apigw.node.controlplane.common.PatchOperation.Op;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.restapi.GatewayResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * UpdateGatewayResponse's patch operations, applied to the current response (the type's default when it was
 * never customised): {@code replace /statusCode}, and {@code add|replace|remove} of
 * {@code /responseParameters/{name}} and {@code /responseTemplates/{contentType}}.
 */
final class GatewayResponsePatch {
  private static final List<String> PATHS = List.of("/statusCode", "/responseParameters/{name}",
      "/responseTemplates/{contentType}");
  private static final Pattern STATUS = Pattern.compile("[1-5]\\d\\d");

  private GatewayResponsePatch() {}

  static GatewayResponse apply(GatewayResponse current, List<PatchOperation> ops) {
    String status = current.statusCode();
    Map<String, String> parameters = new HashMap<>(current.responseParameters());
    Map<String, String> templates = new HashMap<>(current.responseTemplates());
    for (PatchOperation op : ops) {
      if (op.path().equals("/statusCode")) {
        if (op.op() != Op.REPLACE) {
          throw op.unsupported(PATHS);
        }
        status = op.requiredValue();
        if (!STATUS.matcher(status).matches()) {
          throw new BadRequestException("Invalid status code specified: " + status + " (expected: [1-5]\\d\\d)");
        }
        continue;
      }
      var parameter = op.match("/responseParameters/{name}");
      var template = op.match("/responseTemplates/{contentType}");
      Map<String, String> target = parameter.isPresent() ? parameters : template.isPresent() ? templates : null;
      if (target == null) {
        throw op.unsupported(PATHS);
      }
      String key = parameter.map(m -> m.get("name")).orElseGet(() -> template.get().get("contentType"));
      switch (op.op()) {
        case ADD, REPLACE -> target.put(key, op.value() == null ? "" : op.value());
        case REMOVE -> target.remove(key);
        default -> throw op.unsupported(PATHS);
      }
    }
    return new GatewayResponse(current.responseType(), status, parameters, templates);
  }
}
