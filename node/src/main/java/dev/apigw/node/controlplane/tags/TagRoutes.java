package dev.apigw.node.controlplane.tags;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.controlplane.common.ControlPlaneDirectives;
import dev.apigw.node.controlplane.common.JsonFields;
import dev.apigw.node.http.Json;
import java.util.Map;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /tags/{resource_arn}} (apigateway: get, tag with PUT 204, untag 204) and {@code /v2/tags/{resource-arn}}
 * (apigatewayv2: GetTags, TagResource with POST 201, UntagResource 204), the ARN URL-encoded in one segment; both
 * reach every taggable resource, as the ARNs are one namespace. Directives only.
 */
public final class TagRoutes extends ControlPlaneDirectives {
  private final TagService service;

  public TagRoutes(TagService service) {
    this.service = service;
  }

  public Route route() {
    return pathPrefix(
        "tags",
        () ->
            byArn(
                arn ->
                    put(
                        () ->
                            jsonBody(
                                body ->
                                    respondEmpty(
                                        service.tag(arn, JsonFields.stringMap(body, "tags")), StatusCodes.NO_CONTENT)))));
  }

  /** apigatewayv2's {@code /v2/tags/{resource-arn}}. */
  public Route v2Route() {
    return pathPrefix(
        "v2",
        () ->
            pathPrefix(
                "tags",
                () ->
                    byArn(
                        arn ->
                            post(
                                () ->
                                    jsonBody(
                                        body ->
                                            respondJson(
                                                service.tag(arn, JsonFields.stringMap(body, "tags")),
                                                StatusCodes.CREATED,
                                                done -> Json.object()))))));
  }

  /** The ARN segment: GET and DELETE ({@code tagKeys}) alike in both APIs, {@code tag} the one that differs. */
  private Route byArn(Function<String, Route> tag) {
    return path(
        PathMatchers.segment(),
        arn ->
            concat(
                get(() -> respondJson(service.get(arn), StatusCodes.OK, TagRoutes::render)),
                tag.apply(arn),
                delete(
                    () ->
                        parameterList(
                            "tagKeys", keys -> respondEmpty(service.untag(arn, keys), StatusCodes.NO_CONTENT)))));
  }

  private static ObjectNode render(Map<String, String> tags) {
    ObjectNode out = Json.object();
    var node = out.putObject("tags");
    tags.forEach(node::put);
    return out;
  }
}
