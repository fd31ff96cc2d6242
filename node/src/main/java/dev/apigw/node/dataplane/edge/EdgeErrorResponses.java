package dev.apigw.node.dataplane.edge;

import dev.apigw.node.dataplane.request.RequestIdentifiers;
import dev.apigw.node.http.AwsErrors;
import dev.apigw.node.http.RequestIds;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.ParsingErrorHandler;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.scaladsl.model.ErrorInfo;
import org.apache.pekko.http.scaladsl.model.StatusCode;
import org.apache.pekko.http.scaladsl.settings.ServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer to a request Pekko HTTP refuses before the data plane sees it (a malformed request line, a URI or
 * headers over the limits, an unknown method or HTTP version): AWS's error shape ({@code {"message": ...}},
 * {@code x-amzn-ErrorType}) with an {@code x-amzn-RequestId}, and a fixed message per status, so nothing the client
 * sent (nor its address) is echoed. One log line per refused request, its detail cut short and escaped. Named by
 * {@code pekko.http.server.parsing.error-handler} in the data plane's server settings; Pekko instantiates it.
 */
public final class EdgeErrorResponses extends ParsingErrorHandler {
  private static final Logger log = LoggerFactory.getLogger(EdgeErrorResponses.class);
  private static final int MAX_LOGGED_DETAIL = 160;

  @Override
  public HttpResponse handle(StatusCode status, ErrorInfo info, LoggingAdapter pekkoLog, ServerSettings settings) {
    int code = status.intValue();
    String requestId = RequestIdentifiers.requestId();
    log.info("Refused an unparsable request with {} (request id {}): {}", code, requestId, detail(info));
    return response(code).addHeader(RawHeader.create(RequestIds.REQUEST_ID, requestId));
  }

  /** AWS's error for {@code status}, with a message that names the problem and nothing of the request. */
  static HttpResponse response(int status) {
    return switch (status) {
      case 413 -> AwsErrors.error(413, "PayloadTooLargeException", "Request is larger than the limit");
      case 414 -> AwsErrors.error(414, "BadRequestException", "Request URI is longer than the limit");
      case 431 -> AwsErrors.error(431, "BadRequestException", "Request headers are larger than the limit");
      case 501 -> AwsErrors.error(501, "NotImplementedException", "Request method is not supported");
      case 505 -> AwsErrors.error(505, "BadRequestException", "HTTP version is not supported");
      case 408 -> AwsErrors.error(408, "BadRequestException", "Request was not received in time");
      default -> status >= 500
          ? AwsErrors.error(status, "InternalServerErrorException", "Internal server error")
          : AwsErrors.error(status, "BadRequestException", "Bad request");
    };
  }

  /** The parse error's summary for the log: one line, printable ASCII only, cut short. */
  private static String detail(ErrorInfo info) {
    String summary = info.summary() == null ? "" : info.summary();
    StringBuilder out = new StringBuilder(Math.min(summary.length(), MAX_LOGGED_DETAIL) + 3);
    for (int i = 0; i < summary.length() && out.length() < MAX_LOGGED_DETAIL; i++) {
      char c = summary.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    if (summary.length() > MAX_LOGGED_DETAIL) {
      out.append("...");
    }
    return out.toString();
  }
}
