package dev.apigw.node.dataplane.mapping;

/**
 * A render went past its {@link TemplateSettings}: it ran too long or built too much text. Like any
 * template failure AWS answers it with a 500; it says which limit, never the data.
 */
public final class TemplateLimitException extends MappingException {

  public TemplateLimitException(String message) {
    super(message);
  }
}
