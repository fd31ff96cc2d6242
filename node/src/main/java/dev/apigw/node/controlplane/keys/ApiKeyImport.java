package dev.apigw.node.controlplane.keys;

import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.ValidationErrors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * ImportApiKeys ({@code POST /apikeys?mode=import&format=csv}): AWS's API key file, a header row naming the columns
 * ({@code key} required; {@code name}, {@code description}, {@code enabled}, {@code usageplanIds} optional, any case)
 * and one key per row. Keys are created one after the other, each added to its usage plans; a row that cannot be
 * imported is a warning, or fails the whole import with {@code failonwarnings=true} before anything is created.
 */
public final class ApiKeyImport {
  /** Bounds one import's work. */
  static final int MAX_ROWS = 500;

  private final ApiKeyService keys;
  private final UsagePlanService plans;

  public ApiKeyImport(ApiKeyService keys, UsagePlanService plans) {
    this.keys = keys;
    this.plans = plans;
  }

  /** The created keys' ids, and the warnings. */
  public record Imported(List<String> ids, List<String> warnings) {}

  private record Row(CreateApiKeyRequest request, List<String> planIds) {}

  public CompletionStage<Imported> importCsv(byte[] body, String format, boolean failOnWarnings) {
    ValidationErrors.of("ImportApiKeys").requiredOneOf("format", format, List.of("csv")).throwIfAny();
    List<String> lines = new String(body, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    if (lines.isEmpty()) {
      throw new BadRequestException("The API key file is empty (expected: a header row and one row per key)");
    }
    if (lines.size() - 1 > MAX_ROWS) {
      throw new BadRequestException("Too many API keys: " + (lines.size() - 1) + " (expected: at most " + MAX_ROWS + ")");
    }
    List<String> header = Arrays.stream(lines.get(0).split(",", -1)).map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
    if (!header.contains("key")) {
      throw new BadRequestException("The API key file's header has no 'key' column: " + lines.get(0));
    }
    List<Row> rows = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = lines.get(i).split(",", -1);
      try {
        rows.add(row(header, cells, i + 1));
      } catch (BadRequestException e) {
        warnings.add(e.getMessage());
      }
    }
    if (failOnWarnings && !warnings.isEmpty()) {
      throw new BadRequestException("The API key file has errors: " + String.join("; ", warnings));
    }
    CompletionStage<List<String>> ids = CompletableFuture.completedFuture(new ArrayList<>());
    for (Row row : rows) {
      ids = ids.thenCompose(done -> keys.create(row.request()).thenCompose(key -> {
        CompletionStage<?> added = CompletableFuture.completedFuture(null);
        for (String plan : row.planIds()) {
          added = added.thenCompose(x -> plans.addKey(plan, key.id(), "API_KEY"));
        }
        return added.thenApply(x -> {
          done.add(key.id());
          return done;
        });
      }));
    }
    return ids.thenApply(all -> new Imported(List.copyOf(all), List.copyOf(warnings)));
  }

  private static Row row(List<String> header, String[] cells, int line) {
    if (cells.length != header.size()) {
      throw new BadRequestException("Line " + line + ": " + cells.length + " columns (expected: " + header.size() + ")");
    }
    Map<String, String> values = new java.util.HashMap<>();
    for (int c = 0; c < cells.length; c++) {
      values.put(header.get(c), cells[c].trim());
    }
    String value = values.get("key");
    if (value == null || value.isEmpty()) {
      throw new BadRequestException("Line " + line + ": the key is empty");
    }
    try {
      CreateApiKeyRequest.checkValue(value);
    } catch (BadRequestException e) {
      throw new BadRequestException("Line " + line + ": " + e.getMessage());
    }
    String enabled = values.getOrDefault("enabled", "true");
    if (!enabled.equalsIgnoreCase("true") && !enabled.equalsIgnoreCase("false") && !enabled.isEmpty()) {
      throw new BadRequestException("Line " + line + ": enabled is " + enabled + " (expected: true or false)");
    }
    String name = values.get("name");
    List<String> planIds = values.getOrDefault("usageplanids", "").isEmpty() ? List.of()
        : Arrays.stream(values.get("usageplanids").split("[:;|]")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    return new Row(new CreateApiKeyRequest(name == null || name.isEmpty() ? null : name,
        values.getOrDefault("description", "").isEmpty() ? null : values.get("description"),
        !enabled.equalsIgnoreCase("false"), value, null, List.of(), Map.of()), planIds);
  }
}
