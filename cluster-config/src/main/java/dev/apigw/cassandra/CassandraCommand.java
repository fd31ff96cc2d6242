package dev.apigw.cassandra;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds the command line of the Cassandra JVM: java, JVM flags, classpath, main class. */
final class CassandraCommand {

  /** Written by the dependency plugin at build time: the full classpath of cassandra-all. */
  static final String CLASSPATH_RESOURCE = "embedded-cassandra/classpath.txt";

  static final String MAIN_CLASS = "org.apache.cassandra.service.CassandraDaemon";

  /**
   * The module flags of Cassandra 5.0's {@code conf/jvm17-server.options} (that file ships only in
   * the tarball, not in the jar). Without them Cassandra fails on Java 17 with InaccessibleObject
   * errors (jamm, Chronicle, direct buffer cleaning, JMX).
   */
  static final List<String> JVM17_MODULE_FLAGS = List.of(
      "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
      "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
      "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
      "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
      "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
      "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
      "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
      "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
      "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
      "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
      "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens", "java.base/java.io=ALL-UNNAMED",
      "--add-opens", "java.base/java.nio=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens", "java.base/java.util=ALL-UNNAMED",
      "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens", "java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens", "java.base/java.net=ALL-UNNAMED",
      "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
      "-Djdk.attach.allowAttachSelf=true",
      // Netty needs this on Java 9+ to allocate direct buffers through Unsafe.
      "-Dio.netty.tryReflectionSetAccessible=true",
      // Cassandra's own revert of Netty 4.1.75's allocator defaults.
      "-Dio.netty.allocator.useCacheForAllThreads=true",
      "-Dio.netty.allocator.maxOrder=11");

  private CassandraCommand() {}

  /** The java launcher of the running JDK: Cassandra 5.0 runs on 11 and 17, like this project. */
  static Path javaExecutable() {
    Path bin = Path.of(System.getProperty("java.home"), "bin");
    Path java = bin.resolve("java");
    return Files.isExecutable(java) ? java : bin.resolve("java.exe");
  }

  static List<String> build(Path dataDir, EmbeddedCassandra.Options options, List<Path> classpath) {
    List<String> cmd = new ArrayList<>();
    // Its own session and process group: Ctrl-C in the gateway's terminal goes to the gateway,
    // which stops Cassandra only after its journal is done with it.
    Path setsid = Path.of("/usr/bin/setsid");
    if (Files.isExecutable(setsid)) {
      cmd.add(setsid.toString());
    }
    cmd.add(javaExecutable().toString());
    // First, so the data folder shows even in a truncated command line (see the pid file check).
    cmd.add(storageDirFlag(dataDir));
    cmd.add("-Xms" + options.heap());
    cmd.add("-Xmx" + options.heap());
    cmd.add("-XX:+UseG1GC");
    cmd.add("-XX:+ParallelRefProcEnabled");
    cmd.add("-XX:MaxGCPauseMillis=300");
    // Cassandra runs hundreds of threads; its own default stack size keeps them cheap.
    cmd.add("-Xss256k");
    // Cassandra's startup check asks for this: carrying on after an OutOfMemoryError risks corrupt data.
    cmd.add("-XX:+ExitOnOutOfMemoryError");
    cmd.addAll(JVM17_MODULE_FLAGS);
    // Like bin/cassandra: jamm measures memtable sizes best through its agent.
    classpath.stream()
        .filter(p -> p.getFileName().toString().startsWith("jamm-"))
        .findFirst()
        .ifPresent(jamm -> cmd.add("-javaagent:" + jamm));
    cmd.add("-Dcassandra.config=" + CassandraConfigFiles.yaml(dataDir).toUri());
    cmd.add("-Dcassandra-foreground=yes");
    cmd.add("-Dcassandra.logdir=" + CassandraConfigFiles.logDir(dataDir));
    cmd.add("-Dlogback.configurationFile=" + CassandraConfigFiles.logback(dataDir));
    cmd.add("-Dcassandra.triggers_dir=" + CassandraConfigFiles.triggersDir(dataDir));
    // No cassandra.jmx.local.port / remote port: Cassandra then starts no JMX server (it only
    // logs a warning), so an embedded node needs no third free port. nodetool will not connect.
    // A single node has no peers to wait for; skipping the gossip settle saves several seconds.
    cmd.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
    cmd.add("-cp");
    cmd.add(String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList()));
    cmd.add(MAIN_CLASS);
    cmd.add("-f");
    return cmd;
  }

  /** Tells Cassandra where its data is; also how the launcher recognises a Cassandra on a data folder. */
  static String storageDirFlag(Path dataDir) {
    return "-Dcassandra.storagedir=" + dataDir;
  }

  /** Reads the classpath resource and checks every jar is still on disk. */
  static List<Path> loadClasspath() throws IOException {
    ClassLoader loader = CassandraCommand.class.getClassLoader();
    URL url = loader == null ? ClassLoader.getSystemResource(CLASSPATH_RESOURCE) : loader.getResource(CLASSPATH_RESOURCE);
    if (url == null) {
      throw new IllegalStateException("Resource " + CLASSPATH_RESOURCE + " not found on the classpath: "
          + "build cluster-config first: mvn -pl cluster-config install");
    }
    String text;
    try (InputStream in = url.openStream()) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
    List<Path> jars = Arrays.stream(text.split(java.io.File.pathSeparator))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(Path::of)
        .toList();
    if (jars.stream().noneMatch(p -> p.getFileName().toString().startsWith("cassandra-all-"))) {
      throw new IllegalStateException(CLASSPATH_RESOURCE + " (" + url + ") lists no cassandra-all jar: "
          + "build cluster-config first: mvn -pl cluster-config install");
    }
    List<Path> missing = jars.stream().filter(p -> !Files.isRegularFile(p)).toList();
    if (!missing.isEmpty()) {
      // Happens when the local Maven repository was cleaned after the build.
      throw new IllegalStateException(missing.size() + " jar(s) of " + CLASSPATH_RESOURCE
          + " are missing, e.g. " + missing.get(0)
          + ": build cluster-config first: mvn -pl cluster-config install");
    }
    return jars;
  }
}
