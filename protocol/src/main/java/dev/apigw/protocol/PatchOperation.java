package dev.apigw.protocol;

import dev.apigw.protocol.errors.BadRequestException;

/**
 * One of AWS's {@code patchOperations} entries (JSON Patch-like): {@code op} is add, remove,
 * replace, move, copy or test; {@code path} a slash path; {@code value} and {@code from} optional.
 */
public record PatchOperation(String op, String path, String value, String from) implements CborSerializable {

  /** AWS's 400 for a path the patched resource does not support with this op. */
  public BadRequestException invalidPath() {
    return new BadRequestException("Invalid patch path '" + path + "' specified for op '" + op + "'");
  }
}
