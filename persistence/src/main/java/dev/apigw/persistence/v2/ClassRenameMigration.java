package dev.apigw.persistence.v2;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * Reads events and states written under the v2 entity's old name ({@code websocket.WebSocketApiEntity}) as {@link
 * ApiEntity}'s: same records, same fields, new class names. Registered per old class name in {@code reference.conf}.
 * Version 2 is the renamed schema; what was written before carries no version, which Pekko reads as 1.
 */
public final class ClassRenameMigration extends JacksonMigration {
  private static final String OLD = "dev.apigw.persistence.websocket.WebSocketApiEntity$";
  private static final String NEW = ApiEntity.class.getName() + "$";

  @Override
  public int currentVersion() {
    return 2;
  }

  @Override
  public String transformClassName(int fromVersion, String className) {
    return className.startsWith(OLD) ? NEW + className.substring(OLD.length()) : className;
  }

  @Override
  public JsonNode transform(int fromVersion, JsonNode json) {
    // Only the class names changed; Api's new protocolType reads as WEBSOCKET when absent.
    return json;
  }
}
