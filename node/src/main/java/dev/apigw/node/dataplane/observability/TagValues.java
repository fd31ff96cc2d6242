package dev.apigw.node.dataplane.observability;

/**
 * The dimension values of a request's metrics (api id, stage, and route or resource and method), as the key of the
 * instruments looked up per request. Not a record: a record's hashCode and equals (bootstrapped method handles) were
 * half of the metrics' CPU in a profile (load-tests/README.md); these compute the hash once and compare plainly.
 */
final class TagValues {
  private final String first;
  private final String second;
  private final String third;
  private final String fourth;
  private final int hash;

  TagValues(String first, String second, String third, String fourth) {
    this.first = first;
    this.second = second;
    this.third = third;
    this.fourth = fourth;
    this.hash = ((first.hashCode() * 31 + second.hashCode()) * 31 + third.hashCode()) * 31 + fourth.hashCode();
  }

  String first() {
    return first;
  }

  String second() {
    return second;
  }

  String third() {
    return third;
  }

  String fourth() {
    return fourth;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TagValues t && t.hash == hash && t.first.equals(first) && t.second.equals(second)
        && t.third.equals(third) && t.fourth.equals(fourth);
  }
}
