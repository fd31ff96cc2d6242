package dev.apigw.node.dataplane.mapping;

import java.io.IOException;
import java.io.Writer;
import org.apache.velocity.context.InternalContextAdapter;
import org.apache.velocity.runtime.parser.node.ASTAddNode;
import org.apache.velocity.runtime.parser.node.ASTIfStatement;
import org.apache.velocity.runtime.parser.node.ASTIntegerRange;
import org.apache.velocity.runtime.parser.node.ASTSetDirective;
import org.apache.velocity.runtime.parser.node.Node;
import org.apache.velocity.runtime.parser.node.SimpleNode;
import org.apache.velocity.util.DuckType;

/**
 * Replaces, in a freshly parsed template, the syntax tree nodes that can build unbounded values
 * without calling a method: {@code $a + $b} on strings (concatenation; doubling a string in a
 * #foreach reaches gigabytes in 30 steps) and integer ranges {@code [1..$n]} (a list of n elements);
 * and makes {@code #if} and {@code #set} check the deadline, so recursive macros stop too. The
 * replacements check the render budget first, then do what Velocity does.
 */
final class BoundedNodes {
  private BoundedNodes() {}

  /**
   * Rewrites {@code root}'s tree in place; call before the tree is initialized. {@link VelocityRuntime}
   * calls it for every parse: templates, interpolated strings and {@code #evaluate}.
   */
  static void rewrite(SimpleNode root) {
    for (int i = 0; i < root.jjtGetNumChildren(); i++) {
      Node child = root.jjtGetChild(i);
      Node replacement = child;
      if (child.getClass() == ASTAddNode.class) {
        replacement = transplant((ASTAddNode) child, new BoundedAdd((ASTAddNode) child));
      } else if (child.getClass() == ASTIntegerRange.class) {
        replacement = transplant((ASTIntegerRange) child, new BoundedRange((ASTIntegerRange) child));
      } else if (child.getClass() == ASTIfStatement.class) {
        replacement = transplant((ASTIfStatement) child, new TimedIf((ASTIfStatement) child));
      } else if (child.getClass() == ASTSetDirective.class) {
        replacement = transplant((ASTSetDirective) child, new TimedSet((ASTSetDirective) child));
      }
      if (replacement != child) {
        root.jjtAddChild(replacement, i);
        replacement.jjtSetParent(root);
      }
      if (replacement instanceof SimpleNode node) {
        rewrite(node);
      }
    }
  }

  private static SimpleNode transplant(SimpleNode from, SimpleNode to) {
    for (int i = 0; i < from.jjtGetNumChildren(); i++) {
      Node child = from.jjtGetChild(i);
      to.jjtAddChild(child, i);
      child.jjtSetParent(to);
    }
    return to;
  }

  /** {@code +}: string concatenation within the budget. */
  private static final class BoundedAdd extends ASTAddNode {
    BoundedAdd(ASTAddNode original) {
      super(original.getParser(), original.getType());
      copyPosition(this, original);
      this.last = original.getLastToken();
      this.template = original.getTemplate();
    }

    @Override
    protected Object handleSpecial(Object left, Object right, InternalContextAdapter context) {
      RenderBudget budget = RenderBudget.current();
      if (budget != null) {
        budget.checkTime();
        budget.checkChars(RenderBudget.chars(left) + RenderBudget.chars(right), "string concatenation");
      }
      return super.handleSpecial(left, right, context);
    }
  }

  /** {@code [from..to]}: a list of at most {@link RenderBudget#MAX_ELEMENTS}. */
  private static final class BoundedRange extends ASTIntegerRange {
    BoundedRange(ASTIntegerRange original) {
      super(original.getParser(), original.getType());
      copyPosition(this, original);
      this.last = original.getLastToken();
      this.template = original.getTemplate();
    }

    @Override
    public Object value(InternalContextAdapter context) {
      RenderBudget budget = RenderBudget.current();
      if (budget != null && jjtGetNumChildren() == 2) {
        budget.checkTime();
        Object from = jjtGetChild(0).value(context);
        Object to = jjtGetChild(1).value(context);
        Number f = DuckType.asNumber(from);
        Number t = DuckType.asNumber(to);
        if (f != null && t != null) {
          budget.checkElements(Math.abs(t.longValue() - f.longValue()) + 1, "range");
        }
      }
      return super.value(context);
    }
  }

  /** {@code #if}: checks the deadline, then renders. */
  private static final class TimedIf extends ASTIfStatement {
    TimedIf(ASTIfStatement original) {
      super(original.getParser(), original.getType());
      copyPosition(this, original);
      this.last = original.getLastToken();
      this.template = original.getTemplate();
      setPrefix(original.getPrefix());
      setPostfix(original.getPostfix());
    }

    @Override
    public boolean render(InternalContextAdapter context, Writer writer) throws IOException {
      checkTime();
      return super.render(context, writer);
    }
  }

  /** {@code #set}: checks the deadline, then assigns. */
  private static final class TimedSet extends ASTSetDirective {
    TimedSet(ASTSetDirective original) {
      super(original.getParser(), original.getType());
      copyPosition(this, original);
      this.last = original.getLastToken();
      this.template = original.getTemplate();
      setPrefix(original.getPrefix());
      setPostfix(original.getPostfix());
    }

    @Override
    public boolean render(InternalContextAdapter context, Writer writer) throws IOException {
      checkTime();
      return super.render(context, writer);
    }
  }

  private static void checkTime() {
    RenderBudget budget = RenderBudget.current();
    if (budget != null) {
      budget.checkTime();
    }
  }

  private static void copyPosition(SimpleNode to, SimpleNode from) {
    to.setFirstToken(from.getFirstToken());
    to.setInfo(from.getInfo());
  }
}
