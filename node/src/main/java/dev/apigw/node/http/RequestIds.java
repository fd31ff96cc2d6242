package dev.apigw.node.http;

import java.util.UUID;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** Gives every request an id and puts it on every response, errors included. */
public final class RequestIds extends AllDirectives {
  /** AWS's request id header. */
  public static final String REQUEST_ID = "x-amzn-RequestId";

  /** Wraps {@code inner} so its responses carry {@code x-amzn-RequestId}. */
  public Route withRequestId(Function<String, Route> inner) {
    // Inside an extraction, so the id is drawn per request rather than once when routes are built.
    return extractRequestContext(
        ctx -> {
          String id = UUID.randomUUID().toString();
          return respondWithHeader(RawHeader.create(REQUEST_ID, id), () -> inner.apply(id));
        });
  }
}
