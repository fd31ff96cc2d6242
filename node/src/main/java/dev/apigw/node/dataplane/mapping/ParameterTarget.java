package dev.apigw.node.dataplane.mapping;

/**
 * Where a mapped value goes: a header, query string or path parameter of the integration request,
 * or a method response header.
 */
record ParameterTarget(Kind kind, String name) {

  /** The kind of parameter written. */
  enum Kind {
    HEADER,
    QUERYSTRING,
    PATH
  }
}
