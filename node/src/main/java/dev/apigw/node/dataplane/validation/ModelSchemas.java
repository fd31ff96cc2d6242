package dev.apigw.node.dataplane.validation;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.apigw.protocol.restapi.ApiDefinition;
import dev.apigw.protocol.restapi.Model;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compiles an API's models into JSON Schema (draft 4) validators. A model may {@code $ref} another
 * model of the same API by its AWS URL, {@code https://apigateway.amazonaws.com/restapis/{apiId}/models/{name}};
 * nothing is ever fetched over the network.
 */
final class ModelSchemas {

  /** AWS's built-in {@code Empty} model, used when the API does not define its own. */
  static final String EMPTY_SCHEMA =
      "{\"$schema\": \"http://json-schema.org/draft-04/schema#\", \"title\": \"Empty Schema\", \"type\": \"object\"}";

  /** AWS's built-in {@code Error} model, used when the API does not define its own. */
  static final String ERROR_SCHEMA =
      "{\"$schema\": \"http://json-schema.org/draft-04/schema#\", \"title\": \"Error Schema\", \"type\": \"object\","
          + " \"properties\": {\"message\": {\"type\": \"string\"}}}";

  private static final Map<String, String> BUILT_IN = Map.of("Empty", EMPTY_SCHEMA, "Error", ERROR_SCHEMA);

  private final String apiId;
  private final Map<String, String> schemasByName;
  private final SchemaRegistry registry;
  private final RefCycles refCycles;

  ModelSchemas(String apiId, ApiDefinition definition) {
    this.apiId = apiId;
    Map<String, String> byName = new HashMap<>(BUILT_IN);
    for (Model model : definition.models().values()) {
      byName.put(model.name(), model.schema());
    }
    this.schemasByName = Map.copyOf(byName);
    Map<String, String> byUrl = new HashMap<>();
    byName.forEach((name, schema) -> byUrl.put(url(name), schema));
    this.refCycles = new RefCycles(url(""), schemasByName);
    this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
        b -> b.schemaLoader(loader -> loader.fetchRemoteResources(false)).schemas(byUrl::get));
  }

  /** The AWS URL other models use to {@code $ref} the model {@code name}. */
  String url(String name) {
    return "https://apigateway.amazonaws.com/restapis/" + apiId + "/models/" + name;
  }

  /**
   * The model's validator, with every {@code $ref} resolved now rather than on the first request.
   *
   * @throws IllegalArgumentException naming the model when it is undefined, its schema does not compile,
   *     or it has a {@code $ref} loop that would validate the same value forever
   */
  Schema compile(String modelName) {
    String text = schemasByName.get(modelName);
    if (text == null) {
      throw new IllegalArgumentException("Model '" + modelName + "' of API " + apiId
          + " is not defined (expected one of " + new TreeSet<>(schemasByName.keySet()) + ")");
    }
    if (text.isBlank()) {
      throw new IllegalArgumentException("Model '" + modelName + "' of API " + apiId
          + " has an empty schema (expected: a JSON Schema draft 4 document)");
    }
    refCycles.check(modelName);
    try {
      Schema schema = registry.getSchema(SchemaLocation.of(url(modelName)), text, InputFormat.JSON);
      schema.initializeValidators();
      return schema;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Model '" + modelName + "' of API " + apiId
          + " has an invalid schema: " + e.getMessage() + " (expected: a JSON Schema draft 4 document"
          + " whose $refs name models of this API)", e);
    }
  }
}
