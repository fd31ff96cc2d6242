package dev.apigw.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;

/**
 * A recorded journal: for each persistence id, its events and a snapshot of the state they led to,
 * each exactly as Pekko serialization wrote them to the Cassandra journal and snapshot tables
 * (serializer id, manifest, bytes). {@link JournalFixtureRecorder} writes one per release; {@link
 * JournalCompatibilityTest} replays them with the current code.
 *
 * <p>The file is JSON. Beside the bytes (base64), every record carries {@code readable}: the same
 * CBOR bytes decoded to JSON, for people reading a fixture or a diff. Only the bytes are replayed.
 */
record JournalFixture(String name, String recordedFrom, String notes, List<Entity> entities) {

  /** The folder of the fixtures, on the test class path. */
  static final String RESOURCE_FOLDER = "journal-fixtures/";

  /** One persistence id: {@code entityType} is the EntityTypeKey name, so {@code persistenceId} is {@code entityType|entityId}. */
  record Entity(String entityType, String entityId, String persistenceId, String description, List<Record> events,
      Record snapshot) {}

  /** One serialized event (or snapshot) as the journal holds it. */
  record Record(long sequenceNr, int serializerId, String manifest, byte[] bytes) {

    /** Serializes {@code value} as the journal would. */
    static Record of(Serialization serialization, long sequenceNr, Object value) {
      Serializer serializer = serialization.findSerializerFor(value);
      String manifest = Serializers.manifestFor(serializer, value);
      byte[] bytes = serialization.serialize(value).get();
      return new Record(sequenceNr, serializer.identifier(), manifest, bytes);
    }

    /** Deserializes with the current code; {@link AssertionError} naming the record if that fails. */
    Object decode(Serialization serialization, String persistenceId) {
      try {
        return serialization.deserialize(bytes, serializerId, manifest).get();
      } catch (Exception | LinkageError e) {
        throw new AssertionError("Cannot decode " + persistenceId + " #" + sequenceNr + " (serializer " + serializerId
            + ", manifest " + manifest + "): " + e, e);
      }
    }
  }

  /** The serialization of {@code system}, for {@link Record#of} and {@link Record#decode}. */
  static Serialization serialization(org.apache.pekko.actor.typed.ActorSystem<?> system) {
    return SerializationExtension.get((ActorSystem) system.classicSystem());
  }

  /** Loads fixture {@code fileName} from {@link #RESOURCE_FOLDER} on the class path. */
  static JournalFixture load(String fileName) {
    String resource = RESOURCE_FOLDER + fileName;
    try (InputStream in = JournalFixture.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("fixture: " + resource + " (expected: on the test class path)");
      }
      return fromJson(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JournalFixture fromJson(JsonNode root) {
    List<Entity> entities = new ArrayList<>();
    for (JsonNode e : root.get("entities")) {
      List<Record> events = new ArrayList<>();
      for (JsonNode r : e.get("events")) {
        events.add(record(r));
      }
      JsonNode snapshot = e.get("snapshot");
      entities.add(new Entity(e.get("entityType").asText(), e.get("entityId").asText(), e.get("persistenceId").asText(),
          e.path("description").asText(null), events, snapshot == null || snapshot.isNull() ? null : record(snapshot)));
    }
    return new JournalFixture(root.get("fixture").asText(), root.path("recordedFrom").asText(null),
        root.path("notes").asText(null), entities);
  }

  private static Record record(JsonNode r) {
    return new Record(r.get("sequenceNr").asLong(), r.get("serializerId").asInt(), r.get("manifest").asText(),
        Base64.getDecoder().decode(r.get("bytes").asText()));
  }

  /** The entity with this persistence id; {@link AssertionError} if the fixture has none. */
  Entity entity(String persistenceId) {
    return entities.stream().filter(e -> e.persistenceId().equals(persistenceId)).findFirst()
        .orElseThrow(() -> new AssertionError("fixture " + name + " has no persistence id " + persistenceId));
  }

  /** Writes the fixture as readable JSON; refuses to replace an existing file (a release's fixture never changes). */
  void write(Path file) throws IOException {
    if (Files.exists(file)) {
      throw new IllegalStateException("fixture: " + file + " exists (expected: a new file; recorded fixtures are never rewritten)");
    }
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    CBORMapper cbor = new CBORMapper();
    ObjectNode root = json.createObjectNode();
    root.put("fixture", name);
    root.put("recordedFrom", recordedFrom);
    root.put("notes", notes);
    ArrayNode list = root.putArray("entities");
    for (Entity e : entities) {
      ObjectNode node = list.addObject();
      node.put("entityType", e.entityType());
      node.put("entityId", e.entityId());
      node.put("persistenceId", e.persistenceId());
      node.put("description", e.description());
      ArrayNode events = node.putArray("events");
      for (Record r : e.events()) {
        events.add(toJson(json, cbor, r));
      }
      node.set("snapshot", e.snapshot() == null ? null : toJson(json, cbor, e.snapshot()));
    }
    Files.createDirectories(file.getParent());
    Files.writeString(file, json.writeValueAsString(root) + "\n");
  }

  private static ObjectNode toJson(ObjectMapper json, CBORMapper cbor, Record r) throws IOException {
    ObjectNode node = json.createObjectNode();
    node.put("sequenceNr", r.sequenceNr());
    node.put("serializerId", r.serializerId());
    node.put("manifest", r.manifest());
    node.put("bytes", Base64.getEncoder().encodeToString(r.bytes()));
    node.set("readable", cbor.readTree(r.bytes()));
    return node;
  }
}
