package dev.apigw.node.controlplane.sdk;

import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.ServiceUnavailableException;
import dev.apigw.protocol.errors.TooManyRequestsException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;
import org.openapitools.codegen.config.GlobalSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates a client SDK from an OpenAPI document with openapi-generator and zips it. Generation is blocking and CPU
 * heavy: it runs on the executor given (the blocking dispatcher), one at a time per node (a second caller meanwhile
 * gets 429 {@code TooManyRequestsException}), answers 503 past {@link SdkSettings#timeout()} and then stops the
 * generation (its thread interrupted, the run checking between steps; its work folder deleted, its result dropped) and
 * refuses a zip larger than {@link SdkSettings#maxBytes()}. Generated tests and docs are left out; the project files (package.json, pom.xml,
 * build.gradle) and the API and model classes are in.
 */
public final class SdkGenerator {
  private static final Logger log = LoggerFactory.getLogger(SdkGenerator.class);
  private static final int MAX_PARAMETER_LENGTH = 200;
  private static final Pattern JAVA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern JAVA_PACKAGE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
  private static final Pattern MAVEN_ID = Pattern.compile("[A-Za-z0-9_.-]+");

  /** What openapi-generator is asked to do for one SDK type. */
  private record Plan(String generator, String folder, Map<String, Object> properties) {}

  private final SdkSettings settings;
  private final Executor blocking;
  private final Semaphore slot = new Semaphore(1);
  private final Path workRoot;

  public SdkGenerator(SdkSettings settings, Executor blocking) {
    this(settings, blocking, null);
  }

  /** With the work folders under {@code workRoot} (null: the system's temporary folder). */
  SdkGenerator(SdkSettings settings, Executor blocking, Path workRoot) {
    this.settings = settings;
    this.blocking = blocking;
    this.workRoot = workRoot;
  }

  /** Whether a generation holds the node's slot (it is running or waiting for the executor). */
  boolean busy() {
    return slot.availablePermits() == 0;
  }

  /**
   * The SDK of {@code type} for the OpenAPI 3 document {@code openApiJson}, as a zip. Bad parameters fail at once with
   * 400; the generation runs on the blocking executor.
   *
   * @param parameters GetSdk's query parameters (the type's configuration properties)
   */
  public CompletionStage<byte[]> generate(SdkType type, byte[] openApiJson, Map<String, String> parameters) {
    Plan plan;
    try {
      plan = plan(type, parameters);
    } catch (BadRequestException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (!slot.tryAcquire()) {
      return CompletableFuture.failedFuture(new TooManyRequestsException(
          "Another SDK is being generated on this node; retry shortly"));
    }
    Generation generation = new Generation();
    CompletableFuture<byte[]> run;
    try {
      run = CompletableFuture.supplyAsync(() -> run(plan, openApiJson, generation), blocking);
    } catch (RuntimeException e) { // the executor refused it
      slot.release();
      throw e;
    }
    // The slot is freed when the generation really ends, not when the caller stops waiting: no pile-up of runs.
    run.whenComplete((zip, failure) -> slot.release());
    return run.copy().orTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS).exceptionally(failure -> {
      Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      if (t instanceof TimeoutException) {
        generation.stop();
        throw new ServiceUnavailableException("Generating the " + type.id() + " SDK took longer than "
            + settings.timeout().toSeconds() + " s (gateway.management.sdk.timeout); retry later");
      }
      throw t instanceof RuntimeException r ? r : new CompletionException(t);
    });
  }

  /** Which generator, which root folder in the zip and which options; 400 for missing or bad parameters. */
  static Plan plan(SdkType type, Map<String, String> parameters) {
    if (!type.generated()) {
      throw new BadRequestException("SDK type " + type.id() + " is not generated by this gateway (it generates: "
          + String.join(", ", SdkTypes.ALL.stream().filter(SdkType::generated).map(SdkType::id).toList()) + ")");
    }
    for (SdkType.Property p : type.configurationProperties()) {
      String value = parameters.get(p.name());
      if (p.required() && (value == null || value.isBlank())) {
        throw new BadRequestException("Missing required parameter " + p.name() + " for SDK type " + type.id());
      }
    }
    parameters.forEach((name, value) -> {
      if (value.length() > MAX_PARAMETER_LENGTH) {
        throw new BadRequestException("Invalid parameter " + name + ": longer than " + MAX_PARAMETER_LENGTH
            + " characters");
      }
    });
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("hideGenerationTimestamp", true);
    return switch (type.id()) {
      case "javascript" -> {
        properties.put("usePromises", true);
        properties.put("projectName", "api-gateway-sdk");
        yield new Plan("javascript", "apiGateway-js-sdk", properties);
      }
      case "java" -> {
        String service = checked(parameters, "serviceName", JAVA_NAME, "a Java identifier", null);
        String pkg = checked(parameters, "javaPackageName", JAVA_PACKAGE, "a Java package name", null);
        String build = parameters.getOrDefault("javaBuildSystem", "maven");
        if (!build.equals("maven") && !build.equals("gradle")) {
          throw new BadRequestException("Invalid parameter javaBuildSystem: " + build + " (expected: maven or gradle)");
        }
        String artifactId = checked(parameters, "javaArtifactId", MAVEN_ID, "letters, digits, '.', '_', '-'",
            service.toLowerCase(java.util.Locale.ROOT));
        properties.put("invokerPackage", pkg);
        properties.put("apiPackage", pkg + ".api");
        properties.put("modelPackage", pkg + ".model");
        properties.put("groupId", checked(parameters, "javaGroupId", MAVEN_ID, "letters, digits, '.', '_', '-'", pkg));
        properties.put("artifactId", artifactId);
        properties.put("artifactVersion",
            checked(parameters, "javaArtifactVersion", MAVEN_ID, "letters, digits, '.', '_', '-'", "1.0.0"));
        properties.put("artifactDescription", service);
        if (parameters.containsKey("sourceCodeLicenseText")) {
          properties.put("licenseName", parameters.get("sourceCodeLicenseText"));
        }
        yield new Plan("java", artifactId, properties);
      }
      default -> throw new IllegalStateException("SDK type " + type.id() + " is marked generated but has no plan");
    };
  }

  private static String checked(Map<String, String> parameters, String name, Pattern pattern, String expected,
      String fallback) {
    String value = parameters.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    if (!pattern.matcher(value).matches()) {
      throw new BadRequestException("Invalid parameter " + name + ": " + value + " (expected: " + expected + ")");
    }
    return value;
  }

  /** Generates into a temporary folder, zips it under {@code plan.folder()} and deletes the folder. */
  private byte[] run(Plan plan, byte[] openApiJson, Generation generation) {
    long start = System.nanoTime();
    Path work = null;
    generation.start();
    try {
      work = workRoot == null ? Files.createTempDirectory("apigw-sdk-")
          : Files.createTempDirectory(workRoot, "apigw-sdk-");
      Path spec = work.resolve("openapi.json");
      Files.write(spec, openApiJson);
      Path out = work.resolve("out");
      CodegenConfigurator config = new CodegenConfigurator()
          .setGeneratorName(plan.generator())
          .setInputSpec(spec.toString())
          .setOutputDir(out.toString())
          .setValidateSpec(false)
          .setQuiet(true) // no donation banner on the node's stdout
          .addGlobalProperty("apiTests", "false")
          .addGlobalProperty("modelTests", "false")
          .addGlobalProperty("apiDocs", "false")
          .addGlobalProperty("modelDocs", "false");
      plan.properties().forEach(config::addAdditionalProperty);
      try {
        new DefaultGenerator().opts(config.toClientOptInput()).generate();
      } finally {
        GlobalSettings.reset(); // openapi-generator keeps these per thread: leave none on a pooled thread
      }
      generation.check();
      byte[] zip = zip(out, plan.folder(), generation);
      generation.check();
      log.info("Generated a {} SDK ({} bytes) in {} ms", plan.generator(), zip.length,
          (System.nanoTime() - start) / 1_000_000);
      return zip;
    } catch (IOException e) {
      generation.check(); // an interrupted write
      throw new UncheckedIOException("SDK generation: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      if (e instanceof CancellationException) {
        log.info("Stopped generating a {} SDK at the timeout, after {} ms", plan.generator(),
            (System.nanoTime() - start) / 1_000_000);
        throw e;
      }
      if (e instanceof BadRequestException) {
        throw e;
      }
      generation.check(); // openapi-generator failing on the interrupt
      log.warn("openapi-generator could not generate a {} SDK: {}", plan.generator(), e.toString());
      throw new BadRequestException("The " + plan.generator() + " SDK could not be generated from this stage's API: "
          + e.getMessage());
    } finally {
      generation.end(); // before deleting: the folder goes even when the run was stopped
      if (work != null) {
        delete(work);
      }
    }
  }

  /** The folder's files in a zip, each under {@code root/}; 400 once the zip passes the size limit. */
  private byte[] zip(Path folder, String root, Generation generation) throws IOException {
    var bytes = new BoundedOutput(settings.maxBytes());
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    try (var zip = new ZipOutputStream(bytes)) {
      for (Path file : files) {
        generation.check();
        zip.putNextEntry(new ZipEntry(root + "/" + folder.relativize(file).toString().replace('\\', '/')));
        try (InputStream in = Files.newInputStream(file)) {
          in.transferTo(zip);
        }
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static void delete(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.warn("Could not delete the SDK work folder {}: {}", folder, e.toString());
    }
  }

  /**
   * One generation, which the timeout can stop: its thread is interrupted (openapi-generator's file writes then fail)
   * and the run checks between steps. The interrupt reaches the thread only while the run holds it, never a task that
   * the pooled thread runs afterwards.
   */
  private static final class Generation {
    private Thread thread; // guarded by this
    private volatile boolean stopped;

    synchronized void start() {
      check(); // stopped while it waited for the executor
      thread = Thread.currentThread();
    }

    synchronized void end() {
      thread = null;
      Thread.interrupted(); // clear a stop's interrupt before the thread goes back to its pool
    }

    synchronized void stop() {
      stopped = true;
      if (thread != null) {
        thread.interrupt();
      }
    }

    /** Throws once stopped: nothing after the timeout is worth finishing. */
    void check() {
      if (stopped) {
        throw new CancellationException("SDK generation stopped at the timeout");
      }
    }
  }

  /** A byte sink that refuses to grow past its limit (the zip's size bound). */
  private static final class BoundedOutput extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final long limit;

    BoundedOutput(long limit) {
      this.limit = limit;
    }

    @Override
    public void write(int b) {
      check(1);
      bytes.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      check(len);
      bytes.write(b, off, len);
    }

    private void check(int more) {
      if (bytes.size() + (long) more > limit) {
        throw new BadRequestException("The generated SDK is larger than " + limit
            + " bytes (gateway.management.sdk.max-size)");
      }
    }

    byte[] toByteArray() {
      return bytes.toByteArray();
    }
  }
}
