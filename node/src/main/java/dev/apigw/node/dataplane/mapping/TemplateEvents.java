package dev.apigw.node.dataplane.mapping;

import org.apache.velocity.app.event.EventCartridge;
import org.apache.velocity.app.event.IncludeEventHandler;
import org.apache.velocity.app.event.MethodExceptionEventHandler;
import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.context.Context;
import org.apache.velocity.runtime.RuntimeServices;
import org.apache.velocity.util.introspection.Info;

/**
 * The Velocity event handlers that make rendering behave like API Gateway: undefined references
 * render as nothing (plain Velocity would print {@code $foo} itself), #include/#parse are refused,
 * and a method that throws fails the render instead of quietly rendering nothing.
 */
final class TemplateEvents
    implements ReferenceInsertionEventHandler, IncludeEventHandler, MethodExceptionEventHandler {
  private static final TemplateEvents INSTANCE = new TemplateEvents();

  private TemplateEvents() {}

  /** A cartridge for one render, bound to {@code runtime}. */
  static EventCartridge cartridge(RuntimeServices runtime) {
    EventCartridge cartridge = new EventCartridge();
    cartridge.addReferenceInsertionEventHandler(INSTANCE);
    cartridge.addIncludeEventHandler(INSTANCE);
    cartridge.addMethodExceptionHandler(INSTANCE);
    cartridge.setRuntimeServices(runtime);
    return cartridge;
  }

  @Override
  public Object referenceInsert(Context context, String reference, Object value) {
    RenderBudget budget = RenderBudget.current();
    if (budget != null && value != null) {
      budget.inserted(RenderBudget.chars(value));
      budget.checkValue(value, reference);
    }
    return value == null ? "" : value;
  }

  @Override
  public String includeEvent(
      Context context,
      String includeResourcePath,
      String currentResourcePath,
      String directiveName) {
    // Null tells Velocity to skip the directive.
    return null;
  }

  @Override
  public Object methodException(
      Context context, Class<?> claz, String method, Exception e, Info info) {
    if (e instanceof TemplateLimitException limit) {
      throw limit;
    }
    String where =
        info == null
            ? ""
            : " (template line " + info.getLine() + ", column " + info.getColumn() + ")";
    throw new MappingException(
        (e instanceof MappingException ? e.getMessage() : method + ": " + e.getMessage()) + where,
        e);
  }
}
