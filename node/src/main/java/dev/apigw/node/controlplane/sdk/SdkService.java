package dev.apigw.node.controlplane.sdk;

import dev.apigw.node.controlplane.openapi.ExportService;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * GetSdk: the stage's deployed API exported as OpenAPI 3 ({@link ExportService}, so unknown APIs and stages get the
 * export's 404s), then generated into a client SDK by {@link SdkGenerator}.
 */
public final class SdkService {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm").withZone(ZoneOffset.UTC);

  private final ExportService exports;
  private final SdkGenerator generator;
  private final Clock clock;

  public SdkService(ExportService exports, SdkGenerator generator, Clock clock) {
    this.exports = exports;
    this.generator = generator;
    this.clock = clock;
  }

  /**
   * A generated SDK.
   *
   * @param zip the zip file
   * @param fileName its name, as AWS names it: {@code {sdkType}_{yyyy-MM-dd_HH-mm}Z.zip}
   */
  public record Sdk(byte[] zip, String fileName) {}

  public CompletionStage<Sdk> sdk(String apiId, String stage, String sdkType, Map<String, String> parameters) {
    return exports.export(apiId, stage, "oas30", Map.of(), "application/json").thenCompose(exported -> {
      SdkType type = SdkTypes.get(sdkType);
      return generator.generate(type, exported.body(), parameters)
          .thenApply(zip -> new Sdk(zip, type.id() + "_" + STAMP.format(clock.instant()) + "Z.zip"));
    });
  }
}
