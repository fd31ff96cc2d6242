package dev.apigw.node.controlplane.restapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.controlplane.common.JsonFields;
import dev.apigw.node.controlplane.common.PatchOperation;
import dev.apigw.node.http.Json;
import dev.apigw.protocol.Ids;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.restapi.Documentation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads documentation parts and versions from AWS's request shapes, and renders them in AWS's response shapes. */
public final class DocumentationRequests {
  /** Bounds one import's work. */
  static final int MAX_IMPORTED_PARTS = 2000;

  private DocumentationRequests() {}

  static Documentation.Location location(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new BadRequestException("Documentation part location is required");
    }
    return Documentation.Location.of(JsonFields.string(node, "type"), JsonFields.string(node, "path"),
        JsonFields.string(node, "method"), JsonFields.string(node, "statusCode"), JsonFields.string(node, "name"));
  }

  /** {@code properties}: a JSON object, as a string (the API) or inline (an OpenAPI import). */
  static String properties(JsonNode node) {
    if (node == null || node.isNull() || (node.isTextual() && node.asText().isEmpty())) {
      throw new BadRequestException("Documentation part properties must be non-empty");
    }
    if (node.isObject()) {
      return node.toString();
    }
    try {
      JsonNode parsed = Json.MAPPER.readTree(node.asText());
      if (parsed == null || !parsed.isObject()) {
        throw new BadRequestException("Invalid documentation content specified: expected a JSON object");
      }
      return node.asText();
    } catch (JsonProcessingException e) {
      throw new BadRequestException("Invalid documentation content specified: " + e.getOriginalMessage());
    }
  }

  static Documentation.Part part(JsonNode body) {
    return new Documentation.Part(Ids.newId(), location(body.get("location")), properties(body.get("properties")));
  }

  /** UpdateDocumentationPart: only {@code replace /properties}, with AWS's messages. */
  static Documentation.Part patch(Documentation.Part part, List<PatchOperation> ops) {
    Documentation.Part out = part;
    for (PatchOperation op : ops) {
      if (op.op() != PatchOperation.Op.REPLACE) {
        throw new BadRequestException("Invalid patch path  '" + op.path() + "' specified for op '" + op.op().wire()
            + "'. Please choose supported operations");
      }
      if (!op.path().equals("/properties")) {
        throw new BadRequestException("Invalid patch path  '" + op.path()
            + "' specified for op 'replace'. Must be one of: [/properties]");
      }
      out = new Documentation.Part(out.id(), out.location(),
          properties(op.value() == null ? null : Json.MAPPER.getNodeFactory().textNode(op.value())));
    }
    return out;
  }

  /**
   * The parts of an OpenAPI document's {@code x-amazon-apigateway-documentation} (ImportDocumentationParts); a part
   * at a location the API already documents keeps that part's id, so merging updates it.
   */
  static List<Documentation.Part> imported(byte[] body, Documentation current) {
    JsonNode doc;
    try {
      doc = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new BadRequestException("Invalid OpenAPI input. (documentation imports are read as JSON)");
    }
    JsonNode extension = doc == null ? null : doc.get(EXTENSION);
    if (extension == null || !extension.path("documentationParts").isArray()) {
      throw new BadRequestException("Invalid OpenAPI input. Missing x-amazon-apigateway-documentation.documentationParts");
    }
    return parts(extension, current);
  }

  /** The OpenAPI extension that carries documentation parts, on import and export. */
  public static final String EXTENSION = "x-amazon-apigateway-documentation";

  /**
   * The parts of an {@code x-amazon-apigateway-documentation} object ({@code documentationParts}, each a location
   * and its properties; {@code version} and {@code createdDate} describe an exported snapshot and are not parts); a
   * part at a location {@code current} already documents keeps that part's id.
   *
   * @throws BadRequestException naming the part when one is not valid
   */
  public static List<Documentation.Part> parts(JsonNode extension, Documentation current) {
    JsonNode parts = extension == null ? null : extension.get("documentationParts");
    if (parts == null || parts.isNull()) {
      return List.of();
    }
    if (!extension.isObject() || !parts.isArray()) {
      throw new BadRequestException("Invalid OpenAPI input at " + EXTENSION
          + ": expected an object with a documentationParts array");
    }
    if (parts.size() > MAX_IMPORTED_PARTS) {
      throw new BadRequestException("Too many documentation parts: " + parts.size() + " (expected: at most "
          + MAX_IMPORTED_PARTS + ")");
    }
    List<Documentation.Part> out = new ArrayList<>();
    java.util.Set<Documentation.Location> seen = new java.util.HashSet<>();
    for (int i = 0; i < parts.size(); i++) {
      JsonNode p = parts.get(i);
      var location = location(p.get("location"));
      if (!seen.add(location)) {
        throw new BadRequestException("Documentation part already exists for the specified location: type '"
            + location.type() + "' (documentationParts[" + i + "] repeats an earlier part's location)");
      }
      var existing = current.at(location);
      out.add(new Documentation.Part(existing != null ? existing.id() : Ids.newId(), location,
          properties(p.get("properties"))));
    }
    return out;
  }

  /**
   * An {@code x-amazon-apigateway-documentation} object for an export: the version's identifier and date, and its
   * parts as locations (defaults left out, as AWS writes them) and properties.
   */
  public static ObjectNode exported(Documentation.Version version) {
    ObjectNode out = Json.object();
    out.put("version", version.version());
    out.put("createdDate", java.time.format.DateTimeFormatter.ISO_INSTANT.format(
        version.createdDate().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
    var parts = out.putArray("documentationParts");
    new Documentation(version.parts(), java.util.Map.of()).partsInOrder().forEach(p -> {
      ObjectNode part = parts.addObject();
      ObjectNode location = part.putObject("location");
      location.put("type", p.location().type());
      putUnlessDefault(location, "path", p.location().path(), "/");
      putUnlessDefault(location, "method", p.location().method(), "*");
      putUnlessDefault(location, "statusCode", p.location().statusCode(), "*");
      DefinitionJson.putIfPresent(location, "name", p.location().name());
      try {
        part.set("properties", Json.MAPPER.readTree(p.properties()));
      } catch (IOException e) {
        // Properties are checked to be a JSON object when stored; text that is not is exported as text.
        part.put("properties", p.properties());
      }
    });
    return out;
  }

  private static void putUnlessDefault(ObjectNode out, String field, String value, String byDefault) {
    if (value != null && !value.equals(byDefault)) {
      out.put(field, value);
    }
  }

  static ObjectNode render(Documentation.Part p) {
    ObjectNode out = Json.object();
    out.put("id", p.id());
    ObjectNode location = out.putObject("location");
    location.put("type", p.location().type());
    DefinitionJson.putIfPresent(location, "path", p.location().path());
    DefinitionJson.putIfPresent(location, "method", p.location().method());
    DefinitionJson.putIfPresent(location, "statusCode", p.location().statusCode());
    DefinitionJson.putIfPresent(location, "name", p.location().name());
    out.put("properties", p.properties());
    return out;
  }

  static ObjectNode render(Documentation.Version v) {
    ObjectNode out = Json.object();
    out.put("version", v.version());
    out.put("createdDate", v.createdDate().getEpochSecond());
    DefinitionJson.putIfPresent(out, "description", v.description());
    return out;
  }
}
