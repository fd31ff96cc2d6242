package dev.apigw.cassandra;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * A real Apache Cassandra 5 node in its own JVM, for the single-node default and for tests.
 *
 * <p>{@link #start(Options)} reuses a Cassandra that already answers CQL on the configured port if this data folder
 * started it (and refuses any other: point the gateway at that one with contact points instead), and otherwise
 * launches {@code org.apache.cassandra.service.CassandraDaemon} with the jars of
 * {@code cassandra-all} (listed at build time in the resource {@code embedded-cassandra/classpath.txt})
 * and a generated configuration under {@code <dataDir>/conf}. Data stays in {@code dataDir}
 * between runs. Cassandra's output goes to {@code <dataDir>/logs/cassandra-stdout.log}, its log
 * to {@code <dataDir>/logs/system.log}.
 *
 * <pre>{@code
 * try (EmbeddedCassandra cassandra = EmbeddedCassandra.start(EmbeddedCassandra.Options.defaults())) {
 *   // contact point: cassandra.host() + ":" + cassandra.cqlPort(), local datacenter "datacenter1"
 * }
 * }</pre>
 *
 * <p>A process started here is stopped by {@link #close()}, or by a shutdown hook if the JVM exits
 * first. It is not stopped if this JVM is killed with SIGKILL; the next start then finds it
 * answering and reuses it.
 */
public final class EmbeddedCassandra implements AutoCloseable {

  private static final String LOG_PREFIX = "[embedded-cassandra] ";
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
  private static final long POLL_MILLIS = 250;
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);
  private static final int LOG_TAIL_LINES = 40;

  /**
   * Where and how to run. Defaults: dataDir {@code ./data/cassandra}, host {@code 127.0.0.1},
   * cqlPort 9042, storagePort 7000, startTimeout 120 s, heap {@code "1g"}.
   *
   * @param dataDir folder for data, commit log, generated config and logs; created if missing
   * @param host address Cassandra listens on for CQL and for the storage (gossip) protocol
   * @param cqlPort CQL native protocol port (clients connect here)
   * @param storagePort inter-node port; must be free even for a single node
   * @param startTimeout how long {@link #start(Options)} waits for CQL to answer
   * @param heap JVM heap for Cassandra as in {@code -Xmx}, e.g. {@code "1g"} or {@code "512m"}
   */
  public record Options(Path dataDir, String host, int cqlPort, int storagePort, Duration startTimeout, String heap) {

    private static final Pattern HEAP = Pattern.compile("\\d+[kKmMgG]?");

    /** Validates eagerly, so a bad value fails here rather than inside Cassandra's JVM. */
    public Options {
      Objects.requireNonNull(dataDir, "dataDir");
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(startTimeout, "startTimeout");
      Objects.requireNonNull(heap, "heap");
      if (host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      checkPort("cqlPort", cqlPort);
      checkPort("storagePort", storagePort);
      if (cqlPort == storagePort) {
        throw new IllegalArgumentException("cqlPort and storagePort must differ, both are " + cqlPort);
      }
      if (startTimeout.isNegative() || startTimeout.isZero()) {
        throw new IllegalArgumentException("startTimeout must be positive, was " + startTimeout);
      }
      if (!HEAP.matcher(heap).matches()) {
        throw new IllegalArgumentException("heap must look like 512m or 1g, was '" + heap + "'");
      }
    }

    /** The defaults listed on this record. */
    public static Options defaults() {
      return new Options(Path.of("data", "cassandra"), "127.0.0.1", 9042, 7000, Duration.ofSeconds(120), "1g");
    }

    /**
     * The defaults overridden by system properties or environment variables (a property wins):
     * {@code GATEWAY_DATA_DIR} / {@code gateway.data-dir} (Cassandra uses {@code <dir>/cassandra}),
     * {@code GATEWAY_CASSANDRA_DATA_DIR} / {@code gateway.cassandra.data-dir} (the exact folder),
     * {@code GATEWAY_CASSANDRA_HOST}, {@code GATEWAY_CASSANDRA_PORT},
     * {@code GATEWAY_CASSANDRA_STORAGE_PORT}, {@code GATEWAY_CASSANDRA_HEAP},
     * {@code GATEWAY_CASSANDRA_START_TIMEOUT} (seconds, or e.g. {@code 90s}, {@code 2m}) and the
     * matching {@code gateway.cassandra.host|port|storage-port|heap|start-timeout} properties.
     */
    public static Options fromEnvironment() {
      return EnvironmentOptions.read(System.getenv(), System.getProperties());
    }

    public Options withDataDir(Path p) {
      return new Options(p, host, cqlPort, storagePort, startTimeout, heap);
    }

    public Options withHost(String h) {
      return new Options(dataDir, h, cqlPort, storagePort, startTimeout, heap);
    }

    public Options withCqlPort(int port) {
      return new Options(dataDir, host, port, storagePort, startTimeout, heap);
    }

    public Options withStoragePort(int port) {
      return new Options(dataDir, host, cqlPort, port, startTimeout, heap);
    }

    public Options withStartTimeout(Duration d) {
      return new Options(dataDir, host, cqlPort, storagePort, d, heap);
    }

    public Options withHeap(String h) {
      return new Options(dataDir, host, cqlPort, storagePort, startTimeout, h);
    }

    private static void checkPort(String name, int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException(name + " must be 1..65535, was " + port);
      }
    }
  }

  private final String host;
  private final int cqlPort;
  private final Process process; // null when an already running Cassandra was reused
  private final Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile CompletionStage<?> stopAfter = CompletableFuture.completedFuture(null);
  private volatile Duration stopAfterMaxWait = Duration.ZERO;

  private EmbeddedCassandra(String host, int cqlPort, Process process) {
    this.host = host;
    this.cqlPort = cqlPort;
    this.process = process;
    if (process != null) {
      // Without this, a JVM that exits without close() leaves Cassandra running and its ports taken.
      shutdownHook = new Thread(this::closeAfterDependents, "embedded-cassandra-shutdown");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    } else {
      shutdownHook = null;
    }
  }

  /**
   * Returns a Cassandra answering CQL on {@code options.host():options.cqlPort()}: the one already
   * there, or a new process, once it answers.
   *
   * <p>Starts on one data folder are serialised across threads and processes, so concurrent callers
   * share one Cassandra: the first launches it, the others wait and reuse it.
   *
   * @throws IllegalStateException if the CQL port is taken by something that is not Cassandra or by a
   *     Cassandra this data folder did not start, the storage port is taken, a Cassandra started earlier still runs on the data folder without
   *     answering on this port, the classpath resource is missing, or Cassandra exits or does not
   *     answer within {@code startTimeout} (the message then holds the end of its output)
   */
  public static EmbeddedCassandra start(Options options) throws IOException, InterruptedException {
    Objects.requireNonNull(options, "options");
    EmbeddedCassandra running = reuseIfAnswering(options);
    if (running != null) {
      return running;
    }
    Path dataDir = options.dataDir().toAbsolutePath().normalize();
    // Waits out a launch by another process on this folder for as long as that launch may take.
    try (LaunchLock lock = LaunchLock.acquire(dataDir, options.startTimeout().plus(STOP_GRACE))) {
      running = reuseIfAnswering(options);
      return running != null ? running : launch(options, dataDir);
    }
  }

  /** The running Cassandra on the CQL port, null if nothing listens there; throws if something else does. */
  private static EmbeddedCassandra reuseIfAnswering(Options options) {
    String host = options.host();
    int port = options.cqlPort();
    return switch (CqlProbe.probe(host, port, PROBE_TIMEOUT)) {
      case CASSANDRA -> {
        // Only the Cassandra this data folder started: any other (a system Cassandra, another checkout's) would get
        // this gateway's keyspaces written into it without anyone having asked for that.
        Path dataDir = options.dataDir().toAbsolutePath().normalize();
        if (!new PidFile(dataDir.resolve("cassandra.pid")).namesLiveCassandra(dataDir)) {
          throw new IllegalStateException("A Cassandra already answers on " + address(host, port) + " but data folder "
              + dataDir + " did not start it; not writing into it. To use it, set GATEWAY_CASSANDRA_CONTACT_POINTS="
              + address(host, port) + "; for an embedded Cassandra of its own, set GATEWAY_CASSANDRA_PORT and"
              + " GATEWAY_CASSANDRA_STORAGE_PORT to free ports");
        }
        log("Cassandra already answers on " + address(host, port) + "; reusing it (not started or stopped by this process)");
        yield new EmbeddedCassandra(host, port, null);
      }
      case NOT_CASSANDRA -> throw new IllegalStateException("Port " + address(host, port)
          + " is in use by something that is not Cassandra; set GATEWAY_CASSANDRA_PORT or stop that process");
      case NOTHING_LISTENING -> null;
    };
  }

  private static EmbeddedCassandra launch(Options options, Path dataDir) throws IOException, InterruptedException {
    String host = options.host();
    int port = options.cqlPort();
    // Checked here because Cassandra reports a taken port only deep in its log, after seconds.
    if (!CqlProbe.canBind(host, port)) {
      throw new IllegalStateException("Port " + address(host, port)
          + " cannot be bound (in use, or the address is not local); set GATEWAY_CASSANDRA_PORT or stop that process");
    }
    if (!CqlProbe.canBind(host, options.storagePort())) {
      throw new IllegalStateException("Cassandra storage port " + address(host, options.storagePort())
          + " is in use (another Cassandra?); set GATEWAY_CASSANDRA_STORAGE_PORT or stop that process");
    }

    List<Path> classpath = CassandraCommand.loadClasspath();
    PidFile pidFile = new PidFile(dataDir.resolve("cassandra.pid"));
    pidFile.requireNoLiveCassandra(dataDir);
    CassandraConfigFiles.write(dataDir, options);

    Path stdoutLog = CassandraConfigFiles.logDir(dataDir).resolve("cassandra-stdout.log");
    long logOffset = Files.exists(stdoutLog) ? Files.size(stdoutLog) : 0;
    List<String> command = CassandraCommand.build(dataDir, options, classpath);
    log("starting Cassandra on " + address(host, port) + " (storage port " + options.storagePort()
        + ", data " + dataDir + ", output " + stdoutLog + ")");
    long startedAt = System.nanoTime();
    Process process = new ProcessBuilder(command)
        .directory(dataDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(stdoutLog.toFile()))
        .start();
    pidFile.write(process.pid());
    EmbeddedCassandra cassandra = new EmbeddedCassandra(host, port, process);
    try {
      cassandra.awaitCql(options.startTimeout(), stdoutLog, logOffset, dataDir);
    } catch (Throwable t) {
      cassandra.close();
      throw t;
    }
    log(String.format("Cassandra ready on %s after %.1f s (pid %d)", address(host, port),
        (System.nanoTime() - startedAt) / 1e9, process.pid()));
    Path systemLog = CassandraConfigFiles.logDir(dataDir).resolve("system.log");
    if (!Files.exists(systemLog)) {
      // Seen when classpath.txt mixes logback versions: Cassandra then runs but logs nothing.
      log("warning: Cassandra wrote no " + systemLog + "; its logging did not start (check the slf4j/logback jars in "
          + CassandraCommand.CLASSPATH_RESOURCE + " and " + stdoutLog + ")");
    }
    return cassandra;
  }

  private void awaitCql(Duration timeout, Path stdoutLog, long logOffset, Path dataDir) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Cassandra exited with code " + process.exitValue() + " before answering on "
            + address(host, cqlPort) + "; see " + stdoutLog + " and "
            + CassandraConfigFiles.logDir(dataDir).resolve("system.log") + ". Last lines of its output:\n"
            + tail(stdoutLog, logOffset));
      }
      if (CqlProbe.probe(host, cqlPort, PROBE_TIMEOUT) == CqlProbe.Result.CASSANDRA) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("Cassandra did not answer CQL on " + address(host, cqlPort) + " within "
            + timeout.toSeconds() + " s (stopped it); see " + CassandraConfigFiles.logDir(dataDir).resolve("system.log")
            + ". Last lines of its output:\n" + tail(stdoutLog, logOffset));
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  /**
   * Makes the JVM-exit stop wait (at most {@code maxWait}) until {@code dependent} completes:
   * shutdown hooks run concurrently, and Cassandra must outlive the actor system that writes to it.
   */
  public void stopAfter(CompletionStage<?> dependent, Duration maxWait) {
    this.stopAfter = dependent;
    this.stopAfterMaxWait = maxWait;
  }

  private void closeAfterDependents() {
    try {
      stopAfter.toCompletableFuture().get(stopAfterMaxWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log("stopping Cassandra before its dependent finished: " + e);
    }
    close();
  }

  /** The CQL host, as configured. */
  public String host() {
    return host;
  }

  /** The CQL native protocol port. */
  public int cqlPort() {
    return cqlPort;
  }

  /** False when a Cassandra already answering on the port was reused; {@link #close()} then leaves it running. */
  public boolean ownsProcess() {
    return process != null;
  }

  /**
   * Stops the process this instance started: SIGTERM so Cassandra flushes and drains, then a
   * forced kill after 30 s. Idempotent; does nothing for a reused Cassandra.
   */
  @Override
  public void close() {
    if (process == null || !closed.compareAndSet(false, true)) {
      return;
    }
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is already running or about to; stopping twice is harmless.
      }
    }
    boolean interrupted = false;
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        log("Cassandra (pid " + process.pid() + ") did not stop within " + STOP_GRACE.toSeconds() + " s; killing it");
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      interrupted = true;
      process.destroyForcibly();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Runs Cassandra in the foreground with {@link Options#fromEnvironment()}, prints
   * {@code Cassandra ready on host:port}, and stops it on Ctrl-C. Exits at once if a Cassandra
   * already answers on the port.
   */
  public static void main(String[] args) throws InterruptedException {
    EmbeddedCassandra cassandra;
    try {
      cassandra = start(Options.fromEnvironment());
    } catch (IllegalStateException | IllegalArgumentException | IOException e) {
      System.err.println(LOG_PREFIX + e.getMessage());
      System.exit(1);
      return;
    }
    if (!cassandra.ownsProcess()) {
      System.out.println("Cassandra ready on " + address(cassandra.host, cassandra.cqlPort)
          + " (already running, not started by this process)");
      return;
    }
    System.out.println("Cassandra ready on " + address(cassandra.host, cassandra.cqlPort));
    int code = cassandra.process.waitFor();
    // On Ctrl-C the shutdown hook stopped it and the JVM is exiting; System.exit now would block.
    if (!cassandra.closed.get()) {
      System.err.println(LOG_PREFIX + "Cassandra exited with code " + code);
      System.exit(code == 0 ? 0 : 1);
    }
  }

  static String address(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  private static void log(String message) {
    System.err.println(LOG_PREFIX + message);
  }

  /** The last lines written to {@code file} since {@code offset}, read from at most its last 64 KiB. */
  static String tail(Path file, long offset) {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long length = raf.length();
      long from = Math.max(offset, length - 64 * 1024);
      if (from >= length) {
        return "(no output)";
      }
      byte[] bytes = new byte[(int) (length - from)];
      raf.seek(from);
      raf.readFully(bytes);
      List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(could not read " + file + ": " + e + ")";
    }
  }

  /**
   * The pid of the Cassandra last started on a data folder. Two Cassandras on one folder corrupt
   * it; this catches one left running on another port (e.g. its parent was killed).
   */
  private record PidFile(Path path) {

    void requireNoLiveCassandra(Path dataDir) throws IOException {
      Optional<Long> pid = liveCassandra(dataDir);
      if (pid.isPresent()) {
        throw new IllegalStateException("Cassandra pid " + pid.get() + " is still running on data folder " + dataDir
            + " but does not answer on the configured CQL port; stop it (kill " + pid
            + ") or use another GATEWAY_DATA_DIR");
      }
    }

    /** Whether the pid in this file is a live Cassandra running on {@code dataDir}. */
    boolean namesLiveCassandra(Path dataDir) {
      try {
        return liveCassandra(dataDir).isPresent();
      } catch (IOException e) {
        return false;
      }
    }

    private Optional<Long> liveCassandra(Path dataDir) throws IOException {
      if (!Files.exists(path)) {
        return Optional.empty();
      }
      long pid;
      try {
        pid = Long.parseLong(Files.readString(path).trim());
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      String flag = CassandraCommand.storageDirFlag(dataDir);
      boolean isCassandra = ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .flatMap(PidFile::commandLine)
          .map(cmd -> (" " + cmd + " ").contains(" " + flag + " "))
          .orElse(false);
      return isCassandra ? Optional.of(pid) : Optional.empty();
    }

    /** ProcessHandle.Info.commandLine() stops at 4 KiB on Linux, well before Cassandra's classpath ends. */
    private static Optional<String> commandLine(ProcessHandle handle) {
      Path proc = Path.of("/proc", Long.toString(handle.pid()), "cmdline");
      try {
        if (Files.isReadable(proc)) {
          return Optional.of(new String(Files.readAllBytes(proc), StandardCharsets.UTF_8).replace('\0', ' ').trim());
        }
      } catch (IOException e) {
        // Gone meanwhile, or not ours to read: fall back to what the JDK offers.
      }
      return handle.info().commandLine();
    }

    void write(long pid) throws IOException {
      Files.writeString(path, Long.toString(pid) + System.lineSeparator());
    }
  }
}
