package dev.apigw.node.dataplane.mapping;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;

/**
 * A compiled API Gateway mapping template (VTL): parse once per deployment, render many times from
 * any thread.
 *
 * <p>Templates see {@code $input}, {@code $util}, {@code $context} and {@code $stageVariables} with
 * API Gateway's meaning; undefined references render as nothing, #foreach stops after 1,000
 * iterations, and no template can load files or reach classes beyond the values it is given. A
 * render is bounded by its {@link TemplateSettings}: past the time budget or the output size it stops
 * with {@link TemplateLimitException}.
 */
public final class MappingTemplate {
  static {
    // One render when the class loads, so the first request's render does not spend its time budget
    // loading Velocity's classes and filling its introspection caches.
    new MappingTemplate(VelocityRuntime.parse(
        "#set($b = $input.path('$'))#foreach($k in $b.keySet())$util.escapeJavaScript($k) $input.json('$.a')"
            + " $util.base64Encode($k)#end#set($context.responseOverride.status = 200)$context.requestId"
            + " #if($b.size() > 0)$stageVariables.v#end"),
        new TemplateSettings(Duration.ofMinutes(1), 1024))
        .render(new TemplateScope(new TemplateInput("{\"a\": [1]}", Map.of(), Map.of(), Map.of()),
            Map.of("requestId", "warm-up"), Map.of("v", "x")));
  }

  private final Template template;
  private final TemplateSettings limits;

  private MappingTemplate(Template template, TemplateSettings limits) {
    this.template = template;
    this.limits = limits;
  }

  /** Parses {@code source}, to render within {@link TemplateSettings#DEFAULTS}. */
  public static MappingTemplate compile(String source) {
    return compile(source, TemplateSettings.DEFAULTS);
  }

  /**
   * Parses {@code source}.
   *
   * @throws IllegalArgumentException with "Invalid mapping expression specified: ..." when the
   *     source is not valid VTL
   */
  public static MappingTemplate compile(String source, TemplateSettings limits) {
    if (source == null) {
      throw new IllegalArgumentException(
          "Invalid mapping expression specified: null (expected: a VTL template)");
    }
    return new MappingTemplate(VelocityRuntime.parse(source), limits);
  }

  /**
   * Renders against {@code scope}. Bad input data (a missing field, a body that is not JSON)
   * renders as nothing rather than failing.
   *
   * @throws MappingException when the template itself fails, e.g. {@code $util.parseJson} of
   *     non-JSON or an invalid JSONPath, and {@link TemplateLimitException} when the render runs
   *     past its time budget or builds more text than its size budget
   */
  public Rendered render(TemplateScope scope) {
    ContextTree context = new ContextTree(scope.context());
    VelocityContext velocity = new VelocityContext();
    velocity.put("input", new InputVariable(scope.input()));
    velocity.put("util", UtilVariable.INSTANCE);
    velocity.put("context", context.root());
    velocity.put("stageVariables", new LinkedHashMap<>(scope.stageVariables()));
    velocity.attachEventCartridge(TemplateEvents.cartridge(VelocityRuntime.RUNTIME));
    RenderBudget budget = new RenderBudget(limits);
    BoundedWriter out = new BoundedWriter(budget);
    try (AutoCloseable ignored = budget.enter()) {
      template.merge(velocity, out);
    } catch (Exception e) {
      TemplateLimitException limit = limitIn(e);
      if (limit != null) {
        throw limit;
      }
      if (e instanceof MappingException m) {
        throw m;
      }
      // Velocity wraps what our functions throw; report their message, not the wrapper's.
      throw new MappingException("Mapping template failed: " + ownMessage(e), e);
    }
    return new Rendered(out.toString(), context.overrides());
  }

  private static TemplateLimitException limitIn(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TemplateLimitException limit) {
        return limit;
      }
    }
    return null;
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
