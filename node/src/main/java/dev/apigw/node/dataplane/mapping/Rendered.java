package dev.apigw.node.dataplane.mapping;

/** A rendered template: the output body and the overrides the template set. */
public record Rendered(String body, Overrides overrides) {

  public Rendered {
    body = body == null ? "" : body;
    overrides = overrides == null ? Overrides.none() : overrides;
  }
}
