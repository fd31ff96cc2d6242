package dev.apigw.node.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * Real, open-source AWS-compatible servers run by the tests on free loopback ports: ElasticMQ (in this JVM), S3Proxy
 * (its own JVM), Kinesalite and Dynalite (Node.js, from {@code node/src/test/npm}).
 */
public final class AwsTestServers {
  private AwsTestServers() {}

  /** ElasticMQ, an SQS-compatible server (account 000000000000); it does not check signatures. */
  public static final class Sqs implements AutoCloseable {
    private final SQSRestServer server;
    private final int port;

    public Sqs() {
      this.port = GatewayProcess.freePort();
      this.server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port)
          .withServerAddress(new NodeAddress("http", "127.0.0.1", port, "")).withAWSRegion("us-east-1").start();
      server.waitUntilStarted();
    }

    public URI endpoint() {
      return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
      server.stopAndWait();
    }
  }

  /**
   * S3Proxy on a filesystem store (a bucket is a folder, an object a file), checking SigV4 signatures against one key
   * pair. It runs in its own JVM on this test classpath: its jclouds needs Jakarta XML Binding 4, which the build
   * copies to {@code target/s3proxy-lib} (the app itself keeps the 2.x javax one).
   */
  public static final class S3 implements AutoCloseable {
    private final Process process;
    private final Path store;
    private final URI endpoint;

    public S3(String accessKeyId, String secretAccessKey) {
      try {
        this.store = Files.createTempDirectory(Path.of("target"), "s3proxy-store-");
        this.endpoint = URI.create("http://127.0.0.1:" + GatewayProcess.freePort());
        Path properties = store.resolveSibling(store.getFileName() + ".properties");
        Files.writeString(properties, String.join("\n",
            "s3proxy.endpoint=" + endpoint,
            "s3proxy.authorization=aws-v4",
            "s3proxy.identity=" + accessKeyId,
            "s3proxy.credential=" + secretAccessKey,
            "jclouds.provider=filesystem",
            "jclouds.identity=unused",
            "jclouds.credential=unused",
            "jclouds.filesystem.basedir=" + store.toAbsolutePath()));
        Path jaxb4 = Path.of("target", "s3proxy-lib", "jakarta.xml.bind-api-4.0.2.jar");
        if (!Files.exists(jaxb4)) {
          throw new IllegalStateException(jaxb4 + " is missing: run the tests through Maven (mvn verify copies it)");
        }
        String classpath = jaxb4.toAbsolutePath() + File.pathSeparator + Arrays.stream(
                System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.contains("jakarta.xml.bind-api")).collect(Collectors.joining(File.pathSeparator));
        Path log = store.resolveSibling(store.getFileName() + ".log");
        this.process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
            "-cp", classpath, "org.gaul.s3proxy.Main", "--properties", properties.toAbsolutePath().toString())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      } catch (IOException e) {
        throw new IllegalStateException("S3Proxy did not start", e);
      }
      // Never left behind, even when the test class fails before its @AfterAll.
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
      try {
        awaitListening(endpoint);
      } catch (RuntimeException e) {
        process.destroy();
        throw e;
      }
    }

    public URI endpoint() {
      return endpoint;
    }

    /** Creates a bucket (a folder of the store). */
    public void createBucket(String bucket) throws IOException {
      Files.createDirectories(store.resolve(bucket));
    }

    /** The bytes of an object as stored, or null when there is none: what really arrived. */
    public byte[] object(String bucket, String key) throws IOException {
      Path file = store.resolve(bucket).resolve(key);
      return Files.exists(file) ? Files.readAllBytes(file) : null;
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /**
   * An AWS-compatible server from npm run with Node.js, in memory, on a free loopback port: Kinesalite (Kinesis, JSON
   * 1.1 and CBOR) or Dynalite (DynamoDB, JSON 1.0); neither checks signatures. {@code .ci/run} installs them into
   * {@value #NPM_TOOLS} ({@code npm ci --ignore-scripts --prefix node/src/test/npm}, pinned by its package-lock.json).
   */
  public static final class NodeServer implements AutoCloseable {
    /** Where {@code .ci/run} installs the npm test servers, relative to the node module. */
    public static final String NPM_TOOLS = "src/test/npm";

    private final Process process;
    private final URI endpoint;

    private NodeServer(String npmPackage, List<String> options) throws IOException {
      this.endpoint = URI.create("http://127.0.0.1:" + GatewayProcess.freePort());
      Path log = Files.createDirectories(Path.of("target")).resolve(npmPackage + "-" + endpoint.getPort() + ".log");
      List<String> command = new ArrayList<>(List.of("node", cli(npmPackage).toString(), "--port",
          String.valueOf(endpoint.getPort())));
      command.addAll(options);
      this.process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
      try {
        awaitListening(endpoint);
      } catch (RuntimeException e) {
        process.destroy();
        throw e;
      }
    }

    private static Path cli(String npmPackage) {
      return Path.of(NPM_TOOLS, "node_modules", npmPackage, "cli.js");
    }

    /** Kinesalite, its streams ACTIVE at once (not after 500 ms), or null when {@link #missing} says why not. */
    public static NodeServer kinesaliteIfInstalled() {
      return startIfInstalled("kinesalite", List.of("--createStreamMs", "0", "--deleteStreamMs", "0", "--updateStreamMs", "0"));
    }

    /** Dynalite on 127.0.0.1, its tables ACTIVE at once, or null when {@link #missing} says why not. */
    public static NodeServer dynaliteIfInstalled() {
      return startIfInstalled("dynalite", List.of("--host", "127.0.0.1", "--createTableMs", "0", "--deleteTableMs", "0",
          "--updateTableMs", "0"));
    }

    private static NodeServer startIfInstalled(String npmPackage, List<String> options) {
      if (missing(npmPackage) != null) {
        return null;
      }
      try {
        return new NodeServer(npmPackage, options);
      } catch (IOException e) {
        throw new IllegalStateException(npmPackage + " did not start", e);
      }
    }

    /** Why the npm package cannot run here (not installed, or no {@code node} on the PATH), or null when it can. */
    public static String missing(String npmPackage) {
      Path cli = cli(npmPackage);
      if (!Files.isRegularFile(cli)) {
        return cli.toAbsolutePath() + " is missing: install the npm test servers with `npm ci --ignore-scripts --prefix"
            + " node/" + NPM_TOOLS + "` (.ci/run does)";
      }
      try {
        Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
        if (!version.waitFor(10, TimeUnit.SECONDS) || version.exitValue() != 0) {
          return "`node --version` failed: Node.js is needed to run " + npmPackage;
        }
      } catch (IOException e) {
        return "no `node` on the PATH: Node.js is needed to run " + npmPackage;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted";
      }
      return null;
    }

    public URI endpoint() {
      return endpoint;
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  static void awaitListening(URI endpoint) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 500);
        return;
      } catch (java.io.IOException notYet) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    throw new IllegalStateException(endpoint + " is not listening after 90 s");
  }
}
