package dev.apigw.node.controlplane.console;

import java.util.List;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.Uri;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The console's static files (HTML, CSS, JavaScript modules from the classpath folder {@code console/}) under
 * {@code /console/}: no authentication, as they hold no data; every call they make to the management API is signed
 * in the browser with the caller's key. Only GET and HEAD, and only files that exist, match: anything else falls
 * through to the management API (and its 403 for unsigned calls).
 */
public final class ConsoleFiles extends AllDirectives {
  private static final String FOLDER = "console";

  // The console loads only its own files and talks only to its own origin.
  private static final List<HttpHeader> HEADERS = List.of(
      RawHeader.create("Content-Security-Policy",
          "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'; base-uri 'none'"),
      RawHeader.create("X-Content-Type-Options", "nosniff"),
      RawHeader.create("Referrer-Policy", "no-referrer"),
      RawHeader.create("Cache-Control", "no-cache"));

  public Route route() {
    return pathPrefix("console", () -> get(() -> respondWithHeaders(HEADERS, () -> concat(
        pathEnd(() -> redirect(Uri.create("/console/"), StatusCodes.MOVED_PERMANENTLY)),
        pathSingleSlash(() -> getFromResource(FOLDER + "/index.html")),
        getFromResourceDirectory(FOLDER)))));
  }
}
