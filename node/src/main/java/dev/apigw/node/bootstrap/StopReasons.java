package dev.apigw.node.bootstrap;

import java.util.Optional;
import org.apache.pekko.actor.CoordinatedShutdown;

/**
 * How the node's process ends when its actor system terminated: the exit status and a one-line reason. Every end
 * but a JVM exit (SIGTERM, Ctrl-C: the JVM's own status then) is a failure for a supervisor, so that systemd or
 * Kubernetes restarts the node instead of keeping a process that serves nothing.
 */
final class StopReasons {
  private StopReasons() {}

  /** 0 for a JVM exit, else 1. */
  static int status(Optional<CoordinatedShutdown.Reason> reason) {
    return reason.filter(r -> r == CoordinatedShutdown.jvmExitReason()).isPresent() ? 0 : 1;
  }

  /** What ended the node, for the line the process prints last. */
  static String describe(Optional<CoordinatedShutdown.Reason> reason) {
    if (reason.isEmpty()) {
      return "the actor system terminated without a coordinated shutdown (its guardian failed; see the log above)";
    }
    CoordinatedShutdown.Reason r = reason.get();
    if (r == Guardian.BIND_FAILED) {
      return "a server could not bind its address (port in use? GATEWAY_DATA_PORT, GATEWAY_MANAGEMENT_PORT, "
          + "GATEWAY_MANAGEMENT_HTTP_PORT; the error above names it)";
    }
    if (r == CoordinatedShutdown.clusterJoinUnsuccessfulReason()) {
      return "no seed node answered within pekko.cluster.shutdown-after-unsuccessful-join-seed-nodes (GATEWAY_JOIN_TIMEOUT)";
    }
    if (r == CoordinatedShutdown.clusterDowningReason()) {
      return "the cluster downed this node (split-brain resolver or an operator)";
    }
    if (r == CoordinatedShutdown.clusterLeavingReason()) {
      return "the node left the cluster";
    }
    if (r == CoordinatedShutdown.jvmExitReason()) {
      return "the JVM is exiting (SIGTERM or Ctrl-C)";
    }
    if (r == CoordinatedShutdown.incompatibleConfigurationDetectedReason()) {
      return "its configuration is incompatible with the cluster it joined";
    }
    return "the actor system was terminated (" + r + ")";
  }

  /** {@code t}'s message on one line: what an operator reads first. */
  static String oneLine(Throwable t) {
    String message = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
    return message.replaceAll("\\s*\\R\\s*", " ").trim();
  }
}
