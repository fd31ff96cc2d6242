package dev.apigw.node.dataplane.websocket;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.ws.BinaryMessage;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.stream.Materializer;

/**
 * AWS's frame and message size limits on what a client sends. Pekko HTTP hands over messages, not frames, so the frame
 * limit is checked where it can be seen (a message that arrived whole, or one streamed piece, is at most one frame) and
 * the message limit on the whole. Too large fails the socket's stream, which closes it.
 */
final class MessageLimits {
  /** A frame or message over the limits. */
  static final class MessageTooBigException extends RuntimeException {
    MessageTooBigException(long length) {
      super("WebSocket frame or message of " + length + " bytes is over the limit");
    }
  }

  private final long maxFrameBytes;
  private final long maxMessageBytes;
  private final Materializer materializer;

  MessageLimits(WebSocketSettings settings, Materializer materializer) {
    this.maxFrameBytes = settings.maxFrameBytes();
    this.maxMessageBytes = settings.maxMessageBytes();
    this.materializer = materializer;
  }

  /** The message's text, read within the limits. */
  CompletionStage<String> text(Message message) {
    try {
      return bounded(message);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CompletionStage<String> bounded(Message message) {
    if (message.isText()) {
      TextMessage text = message.asTextMessage();
      if (text.isStrict()) {
        return CompletableFuture.completedFuture(checkWhole(text.getStrictText()));
      }
      return text.getStreamedText()
          .map(this::checkPiece)
          .limitWeighted(maxMessageBytes, MessageLimits::utf8Length)
          .runFold(new StringBuilder(), StringBuilder::append, materializer)
          .thenApply(StringBuilder::toString);
    }
    BinaryMessage binary = message.asBinaryMessage();
    if (binary.isStrict()) {
      return CompletableFuture.completedFuture(checkWhole(binary.getStrictData().utf8String()));
    }
    return binary.getStreamedData()
        .map(b -> checkPiece(b.utf8String()))
        .limitWeighted(maxMessageBytes, MessageLimits::utf8Length)
        .runFold(new StringBuilder(), StringBuilder::append, materializer)
        .thenApply(StringBuilder::toString);
  }

  private String checkWhole(String text) {
    long length = utf8Length(text);
    if (length > maxFrameBytes || length > maxMessageBytes) {
      throw new MessageTooBigException(length);
    }
    return text;
  }

  private String checkPiece(String piece) {
    long length = utf8Length(piece);
    if (length > maxFrameBytes) {
      throw new MessageTooBigException(length);
    }
    return piece;
  }

  private static long utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
