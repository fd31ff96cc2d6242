package dev.apigw.node.dataplane.mapping;

/** A template or mapping failed while rendering; AWS answers such failures with a 500. */
public class MappingException extends RuntimeException {

  public MappingException(String message) {
    super(message);
  }

  public MappingException(String message, Throwable cause) {
    super(message, cause);
  }
}
