package dev.apigw.protocol;

/**
 * One of AWS's {@code patchOperations} entries (JSON Patch-like): {@code op} is add, remove,
 * replace, move, copy or test; {@code path} a slash path; {@code value} and {@code from} optional.
 */
public record PatchOperation(String op, String path, String value, String from) implements CborSerializable {}
