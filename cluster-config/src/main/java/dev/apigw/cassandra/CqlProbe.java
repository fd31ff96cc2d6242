package dev.apigw.cassandra;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** Tells whether a Cassandra answers the CQL native protocol on a host and port. */
final class CqlProbe {

  /** What was found on the port. */
  enum Result { CASSANDRA, NOT_CASSANDRA, NOTHING_LISTENING }

  /**
   * An OPTIONS request, protocol v4: version, flags, stream id (2 bytes), opcode 0x05, body length 0.
   * v4 because every Cassandra from 3.0 to 5.x answers it without negotiation.
   */
  private static final byte[] OPTIONS_V4 = {0x04, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00};
  private static final int RESPONSE_V4 = 0x84;
  private static final int OPCODE_SUPPORTED = 0x06;

  private CqlProbe() {}

  static Result probe(String host, int port, Duration timeout) {
    int millis = (int) Math.max(1, timeout.toMillis());
    try (Socket socket = new Socket()) {
      try {
        socket.connect(new InetSocketAddress(host, port), millis);
      } catch (ConnectException | SocketTimeoutException e) {
        return Result.NOTHING_LISTENING;
      }
      socket.setSoTimeout(millis);
      OutputStream out = socket.getOutputStream();
      out.write(OPTIONS_V4);
      out.flush();
      byte[] header = new byte[9];
      new DataInputStream(socket.getInputStream()).readFully(header);
      boolean supported = (header[0] & 0xff) == RESPONSE_V4 && (header[4] & 0xff) == OPCODE_SUPPORTED;
      return supported ? Result.CASSANDRA : Result.NOT_CASSANDRA;
    } catch (SocketTimeoutException | EOFException e) {
      // Accepted the connection but did not speak CQL in time (or hung up): not Cassandra.
      return Result.NOT_CASSANDRA;
    } catch (IOException e) {
      // Reset right after accept happens while a server is going away; treat it as not there.
      return Result.NOTHING_LISTENING;
    }
  }

  /** True when nothing is bound to host:port, i.e. a server could listen there now. */
  static boolean canBind(String host, int port) {
    try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
      // Same flag Cassandra's netty uses, so a port in TIME_WAIT counts as free as it will for Cassandra.
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(host, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
