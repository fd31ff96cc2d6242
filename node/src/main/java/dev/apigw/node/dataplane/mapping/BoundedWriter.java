package dev.apigw.node.dataplane.mapping;

import java.io.Writer;

/**
 * The render's output: a string builder that refuses to grow past the budget and checks the deadline
 * on every write.
 */
final class BoundedWriter extends Writer {
  private final StringBuilder out = new StringBuilder();
  private final RenderBudget budget;

  BoundedWriter(RenderBudget budget) {
    this.budget = budget;
  }

  @Override
  public void write(char[] chars, int off, int len) {
    admit(len);
    out.append(chars, off, len);
  }

  @Override
  public void write(String s, int off, int len) {
    admit(len);
    out.append(s, off, off + len);
  }

  @Override
  public void write(int c) {
    admit(1);
    out.append((char) c);
  }

  @Override
  public Writer append(CharSequence s) {
    CharSequence text = s == null ? "null" : s;
    admit(text.length());
    out.append(text);
    return this;
  }

  private void admit(long len) {
    budget.checkTime();
    budget.checkChars(out.length() + len, "output");
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}

  @Override
  public String toString() {
    return out.toString();
  }
}
