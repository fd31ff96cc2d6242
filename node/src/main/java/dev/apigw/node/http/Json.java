package dev.apigw.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;

/** One shared, thread-safe JSON mapper and the conversion of JSON trees to response entities. */
public final class Json {
  /** Shared mapper; configuration is never changed after this line. */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** A new empty object node. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** {@code application/json} entity of the node's compact form. */
  public static HttpEntity.Strict entity(JsonNode node) {
    try {
      return HttpEntities.create(ContentTypes.APPLICATION_JSON, MAPPER.writeValueAsBytes(node));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // A tree built in memory always serializes; reaching this is a bug.
      throw new IllegalStateException("JSON tree did not serialize", e);
    }
  }
}
