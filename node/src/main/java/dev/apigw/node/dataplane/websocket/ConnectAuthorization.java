package dev.apigw.node.dataplane.websocket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.dataplane.authorizers.Authorizers;
import dev.apigw.node.dataplane.authorizers.CompiledAuthorizer;
import dev.apigw.node.dataplane.authorizers.IamAuthorization;
import dev.apigw.node.dataplane.authorizers.InvokePermissions;
import dev.apigw.node.dataplane.authorizers.LambdaAuthorizers;
import dev.apigw.node.dataplane.request.MethodRequest;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.ResponseTypes;
import dev.apigw.node.dataplane.snapshot.WebSocketSnapshot.LiveWebSocketStage;
import dev.apigw.node.http.Json;
import dev.apigw.protocol.v2.Route;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/**
 * Authorization of a WebSocket API's {@code $connect} route, before its integration runs, as at AWS: {@code NONE};
 * {@code AWS_IAM}, a handshake signed (SigV4, {@code execute-api}) with one of the data plane's key pairs whose allow
 * list covers {@code arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/$connect}; or {@code
 * CUSTOM}, a REQUEST Lambda authorizer whose identity sources ({@code route.request.header.X}, {@code
 * route.request.querystring.X}, {@code stageVariables.X}) must all be present, whose policy must allow
 * {@code arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/$connect}, and whose {@code principalId} and context
 * become {@code $context.authorizer} of every route of the connection. Other routes are not authorized (AWS
 * authorizes only {@code $connect}). A refusal is a {@link GatewayError}: 401, 403 or 500.
 */
final class ConnectAuthorization {
  private final LambdaAuthorizers lambda;
  private final IamAuthorization iam;
  private final String region;
  private final String accountId;

  ConnectAuthorization(LambdaAuthorizers lambda, IamAuthorization iam, String region, String accountId) {
    this.lambda = lambda;
    this.iam = iam;
    this.region = region;
    this.accountId = accountId;
  }

  /** What {@code $context.authorizer} holds for the connection (empty without an authorizer), or a refusal. */
  CompletionStage<Map<String, Object>> authorize(Route route, LiveWebSocketStage stage, ConnectionContext connection,
      HttpRequest handshake, String requestId) {
    String type = route == null || route.authorizationType() == null ? "NONE" : route.authorizationType();
    try {
      switch (type) {
        case "NONE":
          return CompletableFuture.completedFuture(Map.of());
        case "AWS_IAM":
          iam.authorize(handshake.withEntity(HttpEntities.EMPTY), connectArn(connection));
          return CompletableFuture.completedFuture(Map.of());
        case "CUSTOM":
          return custom(route, stage, connection, requestId);
        default:
          throw new GatewayError(ResponseTypes.AUTHORIZER_CONFIGURATION_ERROR, 500,
              "authorizationType " + type + " is not supported by this gateway", null);
      }
    } catch (GatewayError e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CompletionStage<Map<String, Object>> custom(Route route, LiveWebSocketStage stage,
      ConnectionContext connection, String requestId) {
    CompiledAuthorizer compiled = route.authorizerId() == null ? null : stage.authorizers().get(route.authorizerId());
    if (compiled == null) {
      compiled = CompiledAuthorizer.missing(route.authorizerId());
    }
    String methodArn = connectArn(connection);
    MethodRequest request = new MethodRequest("GET", "/", Map.of(), connection.query(),
        MethodRequest.headerMap(connection.headers()), null, null);
    long start = System.nanoTime();
    return lambda.authorizeConnect(compiled, connection.apiId(), stage.deploymentId(), methodArn, request,
            stage.variables(), Map.of(), () -> event(connection, methodArn, requestId, stage.variables()))
        .thenApply(output -> {
          Map<String, Object> context = Authorizers.lambdaContext(output, start);
          if (output.usageIdentifierKey() != null) {
            context.put("usageIdentifierKey", output.usageIdentifierKey()); // for apiKeySelectionExpression
          }
          return context;
        });
  }

  /** {@code arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/$connect}. */
  private String connectArn(ConnectionContext connection) {
    return InvokePermissions.arn(region, accountId, connection.apiId(), connection.stage(), "$connect");
  }

  /** AWS's WebSocket REQUEST authorizer event: the {@code $connect} event plus {@code type}, {@code methodArn}. */
  private static byte[] event(ConnectionContext connection, String methodArn, String requestId,
      Map<String, String> stageVariables) {
    ObjectNode event = Json.object();
    event.put("type", "REQUEST");
    event.put("methodArn", methodArn);
    ObjectNode connect = WebSocketIntegrations.lambdaEvent(new WebSocketIntegrations.Event(connection, "$connect",
        "CONNECT", null, requestId, null, stageVariables));
    connect.remove("isBase64Encoded");
    event.setAll(connect);
    event.set("stageVariables", Json.MAPPER.valueToTree(stageVariables));
    try {
      return Json.MAPPER.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("authorizer event cannot be written", e);
    }
  }
}
