package dev.apigw.node.dataplane.mapping;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;

/**
 * A compiled API Gateway mapping template (VTL): parse once per deployment, render many times from
 * any thread.
 *
 * <p>Templates see {@code $input}, {@code $util}, {@code $context} and {@code $stageVariables} with
 * API Gateway's meaning; undefined references render as nothing, #foreach stops after 1,000
 * iterations, and no template can load files or reach classes beyond the values it is given.
 */
public final class MappingTemplate {
  private final Template template;

  private MappingTemplate(Template template) {
    this.template = template;
  }

  /**
   * Parses {@code source}.
   *
   * @throws IllegalArgumentException with "Invalid mapping expression specified: ..." when the
   *     source is not valid VTL
   */
  public static MappingTemplate compile(String source) {
    if (source == null) {
      throw new IllegalArgumentException(
          "Invalid mapping expression specified: null (expected: a VTL template)");
    }
    return new MappingTemplate(VelocityRuntime.parse(source));
  }

  /**
   * Renders against {@code scope}. Bad input data (a missing field, a body that is not JSON)
   * renders as nothing rather than failing.
   *
   * @throws MappingException when the template itself fails, e.g. {@code $util.parseJson} of
   *     non-JSON or an invalid JSONPath
   */
  public Rendered render(TemplateScope scope) {
    ContextTree context = new ContextTree(scope.context());
    VelocityContext velocity = new VelocityContext();
    velocity.put("input", new InputVariable(scope.input()));
    velocity.put("util", UtilVariable.INSTANCE);
    velocity.put("context", context.root());
    velocity.put("stageVariables", new LinkedHashMap<>(scope.stageVariables()));
    velocity.attachEventCartridge(TemplateEvents.cartridge(VelocityRuntime.RUNTIME));
    StringWriter out = new StringWriter();
    try {
      template.merge(velocity, out);
    } catch (MappingException e) {
      throw e;
    } catch (RuntimeException e) {
      // Velocity wraps what our functions throw; report their message, not the wrapper's.
      throw new MappingException("Mapping template failed: " + ownMessage(e), e);
    }
    return new Rendered(out.toString(), context.overrides());
  }

  private static String ownMessage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MappingException) {
        return t.getMessage();
      }
    }
    return e.getMessage();
  }
}
