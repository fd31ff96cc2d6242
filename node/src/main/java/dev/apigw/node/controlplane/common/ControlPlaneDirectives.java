package dev.apigw.node.controlplane.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.http.AwsErrors;
import dev.apigw.node.http.Json;
import dev.apigw.protocol.errors.BadRequestException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** Directives every management resource uses: JSON bodies in, JSON or AWS errors out. */
public class ControlPlaneDirectives extends AllDirectives {

  /**
   * The request body as a JSON object; a body that is not one fails with AWS's 400. The entity is
   * strict by now: the authentication directive read it to check the signature.
   */
  protected Route jsonBody(Function<JsonNode, Route> inner) {
    return extractRequestEntity(entity -> inner.apply(parseObject(entity)));
  }

  private static JsonNode parseObject(HttpEntity entity) {
    byte[] bytes = ((HttpEntity.Strict) entity).getData().toArray();
    if (bytes.length == 0) {
      return Json.object();
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new BadRequestException(
          "Could not parse request body into json: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new BadRequestException("Could not read request body: " + e.getMessage());
    }
    if (node == null || node.isNull() || node.isMissingNode()) {
      return Json.object();
    }
    if (!node.isObject()) {
      throw new BadRequestException("Could not parse request body into json: expected a JSON object");
    }
    return node;
  }

  /** The raw request body (imports); the authentication directive has made the entity strict already. */
  protected Route bodyBytes(Function<byte[], Route> inner) {
    return extractRequestEntity(entity -> inner.apply(((HttpEntity.Strict) entity).getData().toArray()));
  }

  /** Completes with {@code status} and the rendered value, or with the failure's AWS error. */
  protected <T> Route respondJson(CompletionStage<T> result, StatusCode status, Function<T, JsonNode> render) {
    return onComplete(
        result,
        outcome ->
            outcome.isSuccess()
                ? complete(HttpResponse.create().withStatus(status).withEntity(Json.entity(render.apply(outcome.get()))))
                : complete(AwsErrors.of(outcome.failed().get())));
  }

  /** Completes with {@code status} and no body, or with the failure's AWS error. */
  protected <T> Route respondEmpty(CompletionStage<T> result, StatusCode status) {
    return onComplete(
        result,
        outcome ->
            outcome.isSuccess()
                ? complete(HttpResponse.create().withStatus(status))
                : complete(AwsErrors.of(outcome.failed().get())));
  }
}
