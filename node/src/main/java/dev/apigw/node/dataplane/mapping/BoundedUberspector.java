package dev.apigw.node.dataplane.mapping;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.velocity.util.introspection.Info;
import org.apache.velocity.util.introspection.SecureUberspector;
import org.apache.velocity.util.introspection.VelMethod;

/**
 * Velocity's {@link SecureUberspector} (no reflection, class loading, System, threads, ...) plus the
 * render budget: every #foreach step and every method call checks the deadline; a method may not take
 * or give a string, collection or array larger than the budget; and the String methods whose result
 * or running time is not bounded by their input ({@code repeat}, {@code replace}, the regex methods)
 * run in bounded versions, while {@code format}, {@code formatted} and {@code indent} are refused.
 * Public because Velocity instantiates it by class name.
 */
public final class BoundedUberspector extends SecureUberspector {
  private static final Set<String> REFUSED = Set.of("format", "formatted", "indent");

  @Override
  public Iterator getIterator(Object obj, Info i) {
    Iterator<?> iterator = super.getIterator(obj, i);
    return iterator == null ? null : new BudgetedIterator<>(iterator);
  }

  @Override
  public VelMethod getMethod(Object obj, String methodName, Object[] args, Info i) {
    VelMethod method = super.getMethod(obj, methodName, args, i);
    return method == null ? null : new BudgetedMethod(method);
  }

  /** Checks the deadline before every #foreach step. */
  private record BudgetedIterator<T>(Iterator<T> iterator) implements Iterator<T> {
    @Override
    public boolean hasNext() {
      RenderBudget budget = RenderBudget.current();
      if (budget != null) {
        budget.checkTime();
      }
      return iterator.hasNext();
    }

    @Override
    public T next() {
      return iterator.next();
    }
  }

  /** A method call within the budget. */
  private record BudgetedMethod(VelMethod method) implements VelMethod {
    @Override
    public Object invoke(Object o, Object[] params) throws IllegalAccessException, InvocationTargetException {
      RenderBudget budget = RenderBudget.current();
      if (budget == null) {
        return method.invoke(o, params);
      }
      String name = method.getMethodName();
      budget.checkTime();
      budget.checkValue(o, name + " receiver");
      for (Object p : params) {
        budget.checkValue(p, name + " argument");
      }
      Object result;
      try {
        result = o instanceof String s ? stringMethod(budget, s, name, params) : NOT_SPECIAL;
      } catch (BoundedRegex.Timeout e) {
        throw new TemplateLimitException("Mapping template exceeded its time budget in String." + name);
      }
      if (result == NOT_SPECIAL) {
        result = method.invoke(o, params);
      }
      budget.checkValue(result, "result of " + name);
      budget.checkValue(o, name + " receiver");
      return result;
    }

    @Override
    public boolean isCacheable() {
      return method.isCacheable();
    }

    @Override
    public String getMethodName() {
      return method.getMethodName();
    }

    @Override
    public Method getMethod() {
      return method.getMethod();
    }

    @Override
    public Class<?> getReturnType() {
      return method.getReturnType();
    }
  }

  private static final Object NOT_SPECIAL = new Object();

  /** String methods whose cost the generic checks do not bound; NOT_SPECIAL for the others. */
  private static Object stringMethod(RenderBudget budget, String s, String name, Object[] p) {
    if (REFUSED.contains(name)) {
      throw new MappingException("String." + name + " is not available in mapping templates");
    }
    switch (name) {
      case "repeat":
        if (p.length == 1 && p[0] instanceof Number n) {
          budget.checkChars((long) s.length() * Math.max(0, n.longValue()), "repeat");
        }
        return NOT_SPECIAL;
      case "replace":
        if (p.length == 2 && p[0] instanceof CharSequence target && p[1] instanceof CharSequence replacement) {
          return replaceLiteral(budget, s, target.toString(), replacement.toString());
        }
        return NOT_SPECIAL;
      case "replaceAll", "replaceFirst":
        if (p.length == 2 && p[0] instanceof String regex && p[1] instanceof String replacement) {
          return replaceRegex(budget, s, Pattern.compile(regex), replacement, name.equals("replaceAll"));
        }
        return NOT_SPECIAL;
      case "matches":
        if (p.length == 1 && p[0] instanceof String regex) {
          return matcher(budget, Pattern.compile(regex), s).matches();
        }
        return NOT_SPECIAL;
      case "split":
        if (p.length >= 1 && p[0] instanceof String regex && (p.length == 1 || p[1] instanceof Number)) {
          return split(budget, s, Pattern.compile(regex), p.length == 1 ? 0 : ((Number) p[1]).intValue());
        }
        return NOT_SPECIAL;
      default:
        return NOT_SPECIAL;
    }
  }

  private static Matcher matcher(RenderBudget budget, Pattern pattern, String s) {
    return BoundedRegex.matcher(pattern, s, budget.deadlineNanos(), remaining(budget));
  }

  private static Duration remaining(RenderBudget budget) {
    return Duration.ofNanos(Math.max(0, budget.deadlineNanos() - System.nanoTime()));
  }

  private static String replaceLiteral(RenderBudget budget, String s, String target, String replacement) {
    if (target.isEmpty()) {
      budget.checkChars(s.length() + (long) (s.length() + 1) * replacement.length(), "replace");
      return s.replace(target, replacement);
    }
    StringBuilder out = new StringBuilder();
    int from = 0;
    for (int at = s.indexOf(target); at >= 0; at = s.indexOf(target, from)) {
      budget.checkChars((long) out.length() + (at - from) + replacement.length(), "replace");
      out.append(s, from, at).append(replacement);
      from = at + target.length();
    }
    budget.checkChars((long) out.length() + s.length() - from, "replace");
    return out.append(s, from, s.length()).toString();
  }

  private static String replaceRegex(RenderBudget budget, String s, Pattern pattern, String replacement,
      boolean all) {
    Matcher m = matcher(budget, pattern, s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, replacement);
      budget.checkChars(out.length(), all ? "replaceAll" : "replaceFirst");
      if (!all) {
        break;
      }
    }
    m.appendTail(out);
    budget.checkChars(out.length(), all ? "replaceAll" : "replaceFirst");
    return out.toString();
  }

  private static String[] split(RenderBudget budget, String s, Pattern pattern, int limit) {
    // Pattern.split reads the input through the matcher, so the deadline applies.
    CharSequence[] parts = pattern.split(BoundedRegex.deadlined(s, budget.deadlineNanos(), pattern.pattern(),
        remaining(budget)), limit);
    budget.checkElements(parts.length, "split");
    List<String> out = new ArrayList<>(parts.length);
    for (CharSequence part : parts) {
      out.add(part.toString());
    }
    return out.toArray(new String[0]);
  }
}
