package dev.apigw.node.controlplane.openapi;

import dev.apigw.protocol.errors.BadRequestException;
import java.util.ArrayList;
import java.util.List;

/**
 * What an import skipped. AWS lists these in the response's {@code warnings}; with {@code
 * failonwarnings=true} the first one fails the import instead, so nothing half-imported is kept.
 */
public final class Warnings {
  private final boolean failOnWarnings;
  private final List<String> messages = new ArrayList<>();

  public Warnings(boolean failOnWarnings) {
    this.failOnWarnings = failOnWarnings;
  }

  /** Records {@code message}, or throws AWS's 400 when warnings are failures. */
  public void add(String message) {
    if (failOnWarnings) {
      throw new BadRequestException("Warnings found during import (failonwarnings=true): " + message);
    }
    if (!messages.contains(message)) {
      messages.add(message);
    }
  }

  public List<String> list() {
    return List.copyOf(messages);
  }
}
