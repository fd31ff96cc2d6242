package dev.apigw.node.dataplane.snapshot;

import dev.apigw.protocol.restapi.MethodSetting;
import dev.apigw.protocol.restapi.Stage;
import java.util.HashMap;
import java.util.Map;

/**
 * A stage's execution logging ({@code methodSettings} {@code logging/loglevel} and {@code logging/dataTrace}), decided
 * once per stage snapshot: a stage that logs nothing answers {@link Level#OFF} for every method without a lookup.
 */
public final class StageLogging {
  /** An execution-log level, as AWS's {@code loggingLevel}. */
  public enum Level { OFF, ERROR, INFO }

  /**
   * One method's effective logging.
   *
   * @param level OFF, ERROR (failures only) or INFO
   * @param dataTrace whether headers and bodies are logged too
   */
  public record Method(Level level, boolean dataTrace) {
    static final Method OFF = new Method(Level.OFF, false);
  }

  /** The logging of a stage that logs nothing. */
  public static final StageLogging NONE = new StageLogging(Method.OFF, Map.of());

  private final Method stageDefault;
  /** Methods with their own setting, by {@link MethodSetting#key} ({@code pets/{id}/GET}). */
  private final Map<String, Method> methods;

  private StageLogging(Method stageDefault, Map<String, Method> methods) {
    this.stageDefault = stageDefault;
    this.methods = methods;
  }

  /** The logging {@code stage}'s method settings ask for. */
  public static StageLogging of(Stage stage) {
    MethodSetting all = stage.methodSettings().get(MethodSetting.STAGE_DEFAULT);
    Method stageDefault = method(null, all);
    Map<String, Method> methods = new HashMap<>();
    stage.methodSettings().forEach((key, own) -> {
      if (!MethodSetting.STAGE_DEFAULT.equals(key)) {
        methods.put(key, method(own, all));
      }
    });
    boolean any = stageDefault.level() != Level.OFF
        || methods.values().stream().anyMatch(m -> m.level() != Level.OFF);
    return any ? new StageLogging(stageDefault, Map.copyOf(methods)) : NONE;
  }

  /** Whether no method of the stage logs. */
  public boolean off() {
    return this == NONE;
  }

  /** The logging of {@code httpMethod} on the resource {@code resourcePath}. */
  public Method method(String resourcePath, String httpMethod) {
    if (this == NONE) {
      return Method.OFF;
    }
    Method own = methods.isEmpty() ? null : methods.get(MethodSetting.key(resourcePath, httpMethod));
    return own == null ? stageDefault : own;
  }

  /** A method's own setting where it sets one, else the stage default's; AWS's defaults are OFF and no data trace. */
  private static Method method(MethodSetting own, MethodSetting all) {
    String level = own != null && own.loggingLevel() != null ? own.loggingLevel()
        : all != null && all.loggingLevel() != null ? all.loggingLevel() : "OFF";
    Boolean trace = own != null && own.dataTraceEnabled() != null ? own.dataTraceEnabled()
        : all == null ? null : all.dataTraceEnabled();
    Level parsed = switch (level) {
      case "INFO" -> Level.INFO;
      case "ERROR" -> Level.ERROR;
      default -> Level.OFF;
    };
    return parsed == Level.OFF ? Method.OFF : new Method(parsed, trace != null && trace);
  }
}
