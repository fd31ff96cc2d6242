package dev.apigw.protocol.restapi;

import dev.apigw.protocol.PatchOperation;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.NotFoundException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Applies AWS's {@code UpdateStage} patch operations to a stage, with AWS's paths and limits:
 * {@code /description}, {@code /deploymentId}, {@code /cacheClusterEnabled}, {@code /cacheClusterSize},
 * {@code /tracingEnabled}, {@code /variables/{name}}, {@code /accessLogSettings/...}, {@code
 * /canarySettings/...} (and {@code copy} of the canary's deployment to {@code /deploymentId}, which
 * promotes it), and method settings {@code /{resource path with ~1 for /}/{METHOD}/{group}/{setting}}
 * with {@code *}/{@code *} for the stage default; {@code /clientCertificateId} and {@code /documentationVersion}.
 */
public final class StagePatch {
  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
  private static final Pattern VARIABLE_VALUE = Pattern.compile("[A-Za-z0-9\\-._~:/?#&=,]*");
  private static final int MAX_VARIABLE_VALUE = 512;
  private static final Set<String> CACHE_SIZES = Set.of("0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237");

  private StagePatch() {}

  /** The stage after {@code ops}, all or nothing; {@code deploymentIds} are the API's deployments. */
  public static Stage apply(Stage stage, List<PatchOperation> ops, Set<String> deploymentIds, Instant at) {
    Stage current = stage;
    for (PatchOperation op : ops) {
      current = applyOne(current, op, deploymentIds);
    }
    return current.withLastUpdatedDate(at);
  }

  /** Throws AWS's 400 unless the stage variable name and value are allowed. */
  public static void checkVariable(String name, String value) {
    if (name == null || !VARIABLE_NAME.matcher(name).matches()) {
      throw new BadRequestException("Stage variable name must match [A-Za-z0-9_]{1,64}: " + name);
    }
    if (value == null || value.length() > MAX_VARIABLE_VALUE || !VARIABLE_VALUE.matcher(value).matches()) {
      throw new BadRequestException(
          "Stage variable value for " + name + " must be at most 512 characters of [A-Za-z0-9-._~:/?#&=,]");
    }
  }

  private static Stage applyOne(Stage s, PatchOperation op, Set<String> deploymentIds) {
    String path = op.path() == null ? "" : op.path();
    String verb = op.op() == null ? "" : op.op();
    if (verb.equals("copy") && path.equals("/deploymentId") && "/canarySettings/deploymentId".equals(op.from())) {
      if (s.canarySettings() == null) {
        throw new BadRequestException("The stage has no canary to promote");
      }
      return s.withDeploymentId(s.canarySettings().deploymentId(), s.lastUpdatedDate());
    }
    if (verb.equals("copy") && path.equals("/variables") && "/canarySettings/stageVariableOverrides".equals(op.from())) {
      // Promoting a canary (AWS's documented sequence): its overrides become the stage's variables, merged over them.
      if (s.canarySettings() == null) {
        throw new BadRequestException("The stage has no canary to promote");
      }
      var vars = new HashMap<>(s.variables());
      vars.putAll(s.canarySettings().stageVariableOverrides());
      return copy(s, b -> b.variables = vars);
    }
    if (verb.equals("copy")) {
      throw new BadRequestException("Invalid copy operation: from " + op.from() + " to " + path
          + " (expected: from /canarySettings/deploymentId to /deploymentId, or from "
          + "/canarySettings/stageVariableOverrides to /variables)");
    }
    boolean remove = verb.equals("remove");
    if (!remove && !verb.equals("replace") && !verb.equals("add")) {
      throw new BadRequestException("Invalid patch operation specified. Must be one of: [add, remove, replace, copy]");
    }
    String value = op.value();
    if (path.startsWith("/variables/")) {
      String name = path.substring("/variables/".length());
      var vars = new HashMap<>(s.variables());
      if (remove) {
        vars.remove(name);
      } else {
        checkVariable(name, value);
        vars.put(name, value);
      }
      return copy(s, b -> b.variables = vars);
    }
    if (path.startsWith("/canarySettings")) {
      return canary(s, path, remove, value, deploymentIds, op);
    }
    if (path.startsWith("/accessLogSettings")) {
      if (remove && path.equals("/accessLogSettings")) {
        return copy(s, b -> b.accessLogSettings = null);
      }
      AccessLogSettings log = s.accessLogSettings() == null ? new AccessLogSettings(null, null) : s.accessLogSettings();
      return switch (path) {
        case "/accessLogSettings/format" -> copy(s, b -> b.accessLogSettings = new AccessLogSettings(value, log.destinationArn()));
        case "/accessLogSettings/destinationArn" -> copy(s, b -> b.accessLogSettings = new AccessLogSettings(log.format(), value));
        default -> throw op.invalidPath();
      };
    }
    if (remove && path.equals("/clientCertificateId")) {
      return copy(s, b -> b.clientCertificateId = null);
    }
    if (remove && path.equals("/documentationVersion")) {
      return copy(s, b -> b.documentationVersion = null);
    }
    if (remove) {
      return removeMethodSetting(s, op);
    }
    return switch (path) {
      case "/description" -> copy(s, b -> b.description = value);
      case "/deploymentId" -> {
        requireDeployment(value, deploymentIds);
        yield s.withDeploymentId(value, s.lastUpdatedDate());
      }
      case "/cacheClusterEnabled" -> copy(s, b -> b.cacheClusterEnabled = bool("cacheClusterEnabled", value));
      case "/cacheClusterSize" -> {
        if (!CACHE_SIZES.contains(value)) {
          throw new BadRequestException("Invalid cache cluster size specified: " + value + " (expected one of " + CACHE_SIZES + ")");
        }
        yield copy(s, b -> b.cacheClusterSize = value);
      }
      case "/tracingEnabled" -> copy(s, b -> b.tracingEnabled = bool("tracingEnabled", value));
      // The certificate's existence is the account's to check (the caller does, before the patch).
      case "/clientCertificateId" -> copy(s, b -> b.clientCertificateId = value == null || value.isEmpty() ? null : value);
      // Whether the version exists is the API's to check (the entity does, after the patch).
      case "/documentationVersion" -> copy(s, b -> b.documentationVersion = value == null || value.isEmpty() ? null : value);
      default -> methodSetting(s, op);
    };
  }

  private static Stage canary(Stage s, String path, boolean remove, String value, Set<String> deploymentIds, PatchOperation op) {
    if (remove && path.equals("/canarySettings")) {
      return copy(s, b -> b.canarySettings = null);
    }
    CanarySettings c = s.canarySettings() == null ? new CanarySettings(0.0, null, Map.of(), false) : s.canarySettings();
    String overridePrefix = "/canarySettings/stageVariableOverrides/";
    if (path.startsWith(overridePrefix)) {
      String name = path.substring(overridePrefix.length());
      var overrides = new HashMap<>(c.stageVariableOverrides());
      if (remove) {
        overrides.remove(name);
      } else {
        checkVariable(name, value);
        overrides.put(name, value);
      }
      return copy(s, b -> b.canarySettings = new CanarySettings(c.percentTraffic(), c.deploymentId(), overrides, c.useStageCache()));
    }
    if (remove) {
      throw op.invalidPath();
    }
    CanarySettings next = switch (path) {
      case "/canarySettings/percentTraffic" -> {
        double pct = nonNegativeDouble("percentTraffic", value);
        if (pct > 100.0) {
          throw new BadRequestException("Canary traffic percentage must be between 0.0 and 100.0: " + value);
        }
        yield new CanarySettings(pct, c.deploymentId(), c.stageVariableOverrides(), c.useStageCache());
      }
      case "/canarySettings/deploymentId" -> {
        requireDeployment(value, deploymentIds);
        yield new CanarySettings(c.percentTraffic(), value, c.stageVariableOverrides(), c.useStageCache());
      }
      case "/canarySettings/useStageCache" ->
          new CanarySettings(c.percentTraffic(), c.deploymentId(), c.stageVariableOverrides(), bool("useStageCache", value));
      default -> throw op.invalidPath();
    };
    return copy(s, b -> b.canarySettings = next);
  }

  private static Stage methodSetting(Stage s, PatchOperation op) {
    String[] parts = op.path().split("/", 4);
    // "", resource path, METHOD, "group/setting"
    if (parts.length != 4 || parts[1].isEmpty() || parts[2].isEmpty()) {
      throw op.invalidPath();
    }
    String key = methodSettingKey(parts[1], parts[2]);
    var settings = new HashMap<>(s.methodSettings());
    MethodSetting current = settings.getOrDefault(key, MethodSetting.defaults());
    settings.put(key, current.with(parts[3], op.value()));
    return copy(s, b -> b.methodSettings = settings);
  }

  private static Stage removeMethodSetting(Stage s, PatchOperation op) {
    String[] parts = op.path().split("/");
    if (parts.length != 3) {
      throw op.invalidPath();
    }
    var settings = new HashMap<>(s.methodSettings());
    settings.remove(methodSettingKey(parts[1], parts[2]));
    return copy(s, b -> b.methodSettings = settings);
  }

  /** {@code ~1pets~1{id}}, {@code GET} -> {@code pets/{id}/GET}; {@code *}, {@code *} -> {@code *}/{@code *}. */
  static String methodSettingKey(String escapedPath, String method) {
    return MethodSetting.key(escapedPath.replace("~1", "/").replace("~0", "~"), method);
  }

  private static void requireDeployment(String id, Set<String> deploymentIds) {
    if (id == null || !deploymentIds.contains(id)) {
      throw new NotFoundException("Invalid deployment identifier specified");
    }
  }


  static BadRequestException invalidPath(String setting) {
    return new BadRequestException("Invalid method setting path: " + setting);
  }

  static boolean bool(String name, String value) {
    if ("true".equalsIgnoreCase(value)) {
      return true;
    }
    if ("false".equalsIgnoreCase(value)) {
      return false;
    }
    throw new BadRequestException("Invalid value for " + name + ": " + value + " (expected: true or false)");
  }

  static String oneOf(String name, String value, String... allowed) {
    for (String a : allowed) {
      if (a.equals(value)) {
        return value;
      }
    }
    throw new BadRequestException("Invalid value for " + name + ": " + value + " (expected one of " + List.of(allowed) + ")");
  }

  static int nonNegativeInt(String name, String value) {
    return intInRange(name, value, 0, Integer.MAX_VALUE);
  }

  static int intInRange(String name, String value, int min, int max) {
    try {
      int v = Integer.parseInt(value);
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException | NullPointerException e) {
      // falls through to the 400
    }
    throw new BadRequestException("Invalid value for " + name + ": " + value + " (expected: an integer from " + min + " to " + max + ")");
  }

  static double nonNegativeDouble(String name, String value) {
    try {
      double v = Double.parseDouble(value);
      if (v >= 0 && Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException | NullPointerException e) {
      // falls through to the 400
    }
    throw new BadRequestException("Invalid value for " + name + ": " + value + " (expected: a number >= 0)");
  }

  /** Mutable only inside {@link #copy}: a builder for the one-field changes above. */
  private static final class Builder {
    String description;
    Map<String, String> variables;
    Map<String, MethodSetting> methodSettings;
    boolean cacheClusterEnabled;
    String cacheClusterSize;
    boolean tracingEnabled;
    AccessLogSettings accessLogSettings;
    CanarySettings canarySettings;
    String clientCertificateId;
    String documentationVersion;
  }

  private static Stage copy(Stage s, java.util.function.Consumer<Builder> change) {
    Builder b = new Builder();
    b.description = s.description();
    b.variables = s.variables();
    b.methodSettings = s.methodSettings();
    b.cacheClusterEnabled = s.cacheClusterEnabled();
    b.cacheClusterSize = s.cacheClusterSize();
    b.tracingEnabled = s.tracingEnabled();
    b.accessLogSettings = s.accessLogSettings();
    b.canarySettings = s.canarySettings();
    b.clientCertificateId = s.clientCertificateId();
    b.documentationVersion = s.documentationVersion();
    change.accept(b);
    return new Stage(s.stageName(), s.deploymentId(), b.description, s.createdDate(), s.lastUpdatedDate(), b.variables,
        b.methodSettings, b.cacheClusterEnabled, b.cacheClusterSize, b.tracingEnabled, b.accessLogSettings,
        b.canarySettings, s.tags(), b.clientCertificateId, b.documentationVersion);
  }

  /** AWS's 400 unless {@code percent} is a canary share, 0.0 to 100.0. */
  public static void checkPercent(double percent) {
    if (!(percent >= 0 && percent <= 100)) {
      throw new BadRequestException("Canary traffic percentage must be between 0.0 and 100.0: " + percent);
    }
  }
}
