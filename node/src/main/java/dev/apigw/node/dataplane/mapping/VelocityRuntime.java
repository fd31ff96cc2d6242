package dev.apigw.node.dataplane.mapping;

import java.io.Reader;
import java.io.StringReader;
import java.util.Properties;
import org.apache.velocity.Template;
import org.apache.velocity.exception.TemplateInitException;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.ParseException;
import org.apache.velocity.runtime.parser.node.SimpleNode;

/**
 * The one Velocity runtime all mapping templates share, configured like API Gateway's: no resource
 * loading, restricted introspection, lenient references, foreach capped at 1,000; ranges, string
 * concatenation, method calls and #foreach steps checked against the render budget.
 */
final class VelocityRuntime {
  /** AWS documents that #foreach stops after 1,000 iterations. */
  static final int MAX_FOREACH_LOOPS = 1000;

  static final RuntimeInstance RUNTIME = create();

  private VelocityRuntime() {}

  /** Parses {@code source} into a template ready to merge from any thread. */
  static Template parse(String source) {
    Template template = new Template();
    template.setName("mapping-template");
    template.setRuntimeServices(RUNTIME);
    try {
      template.setData(RUNTIME.parse(new StringReader(source), template));
      template.initDocument();
    } catch (ParseException | TemplateInitException e) {
      throw new IllegalArgumentException(
          "Invalid mapping expression specified: " + firstLine(e.getMessage()), e);
    }
    return template;
  }

  private static RuntimeInstance create() {
    Properties p = new Properties();
    p.setProperty(RuntimeConstants.RESOURCE_LOADERS, "none");
    p.put("resource.loader.none.instance", new NoResources());
    // SecureUberspector refuses reflection, class loading, System, Runtime, threads, ...
    // BoundedUberspector adds the render budget to #foreach and method calls.
    p.setProperty(RuntimeConstants.UBERSPECT_CLASSNAME, BoundedUberspector.class.getName());
    p.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "false");
    p.setProperty(RuntimeConstants.MAX_NUMBER_LOOPS, String.valueOf(MAX_FOREACH_LOOPS));
    // API Gateway runs Velocity 1.7: keep its whitespace handling and its #if truthiness
    // (an empty string is true there).
    p.setProperty(RuntimeConstants.SPACE_GOBBLING, "bc");
    p.setProperty(RuntimeConstants.CHECK_EMPTY_OBJECTS, "false");
    p.setProperty(RuntimeConstants.PARSE_DIRECTIVE_MAXDEPTH, "1");
    p.setProperty(RuntimeConstants.VM_MAX_DEPTH, "20");
    p.setProperty(RuntimeConstants.RUNTIME_LOG_REFERENCE_LOG_INVALID, "false");
    // Velocity 1.7 read $context.responseOverride.header.Retry-After as one name.
    p.setProperty(RuntimeConstants.PARSER_HYPHEN_ALLOWED, "true");
    RuntimeInstance runtime = new BoundedRuntime();
    runtime.init(p);
    return runtime;
  }

  /**
   * A runtime whose every parse (a template, an interpolated string, a runtime {@code #evaluate}) yields
   * a tree rewritten by {@link BoundedNodes}.
   */
  private static final class BoundedRuntime extends RuntimeInstance {
    @Override
    public SimpleNode parse(Reader reader, Template template) throws ParseException {
      SimpleNode root = super.parse(reader, template);
      BoundedNodes.rewrite(root);
      return root;
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unparsable template";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
