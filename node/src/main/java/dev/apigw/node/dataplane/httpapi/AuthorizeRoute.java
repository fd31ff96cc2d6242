package dev.apigw.node.dataplane.httpapi;

import dev.apigw.node.dataplane.authorizers.IamAuthorization;
import dev.apigw.node.dataplane.authorizers.IdentitySource;
import dev.apigw.node.dataplane.http.HttpLambdaAuthorizer;
import dev.apigw.node.dataplane.http.HttpRoute;
import dev.apigw.node.dataplane.http.JwtAuthorizer;
import dev.apigw.protocol.v2.Authorizer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route's authorization: {@code JWT} (the token of the identity source, checked against the issuer's keys, the
 * audience and the route's scopes), {@code CUSTOM} (a Lambda REQUEST authorizer), {@code AWS_IAM} (a SigV4 signature
 * over the body by a data plane key pair allowed to invoke the route) or {@code NONE}. What it learns goes to {@code
 * requestContext.authorizer}. An authorization type this gateway does not know is refused, never served open.
 */
final class AuthorizeRoute implements HttpStep {
  private static final Logger log = LoggerFactory.getLogger(AuthorizeRoute.class);
  private static final String DEFAULT_JWT_SOURCE = "$request.header.Authorization";

  private final JwtAuthorizer jwt;
  private final HttpLambdaAuthorizer lambda;
  private final IamAuthorization iam;
  private final Function<HttpRequest, CompletionStage<HttpRequest>> strictBody;

  AuthorizeRoute(JwtAuthorizer jwt, HttpLambdaAuthorizer lambda, IamAuthorization iam,
      Function<HttpRequest, CompletionStage<HttpRequest>> strictBody) {
    this.jwt = jwt;
    this.lambda = lambda;
    this.iam = iam;
    this.strictBody = strictBody;
  }

  @Override
  public CompletionStage<HttpResponse> apply(HttpExchange ex) {
    HttpRoute route = ex.match.route();
    String type = route.route().authorizationType();
    if (type == null || "NONE".equals(type)) {
      return CONTINUE;
    }
    Authorizer authorizer = route.authorizer();
    switch (type) {
      case "JWT" -> {
        if (authorizer == null || authorizer.jwtConfiguration() == null) {
          return misconfigured(ex, "JWT route without a JWT authorizer");
        }
        List<String> sources = authorizer.identitySource().isEmpty() ? List.of(DEFAULT_JWT_SOURCE)
            : authorizer.identitySource();
        String token = IdentitySource.parse(sources.get(0)).valueIn(ex.request, ex.stage.variables(), ex.requestContext());
        var config = authorizer.jwtConfiguration();
        return jwt.authorize(token, config.issuer(), config.audience(), route.scopes()).handle((accepted, failure) -> {
          if (failure != null) {
            throw jwtRefusal(failure);
          }
          Map<String, Object> jwtContext = new LinkedHashMap<>();
          jwtContext.put("claims", accepted.claims());
          jwtContext.put("scopes", accepted.scopes());
          ex.authorizedWith(Map.of("jwt", jwtContext));
          return null;
        });
      }
      case "CUSTOM" -> {
        if (authorizer == null || route.lambdaAuthorizer() == null) {
          return misconfigured(ex, "CUSTOM route without a REQUEST authorizer");
        }
        return lambda.authorize(ex.address.apiId(), authorizer, route.lambdaAuthorizer(), ex.request,
            ex.stage.variables(), ex.requestContext(), ex.event(null), ex.routeArn()).handle((context, failure) -> {
              if (failure != null) {
                throw lambdaRefusal(ex, failure);
              }
              ex.authorizedWith(Map.of("lambda", context));
              return null;
            });
      }
      case "AWS_IAM" -> {
        return strictBody.apply(ex.http).thenApply(strict -> {
          ex.http = strict;
          String accessKey = iam.authorize(strict, ex.routeArn());
          Map<String, Object> identity = new HashMap<>();
          identity.put("accessKey", accessKey);
          identity.put("accountId", ex.accountId);
          ex.authorizedWith(Map.of("iam", identity));
          return null;
        });
      }
      default -> {
        return misconfigured(ex, "authorizationType " + type + " is not supported by this gateway");
      }
    }
  }

  private static CompletionStage<HttpResponse> misconfigured(HttpExchange ex, String why) {
    log.warn("HTTP API {} route {}: {}; answering 500", ex.address.apiId(), ex.routeKey(), why);
    return CompletableFuture.failedFuture(HttpApiError.internal());
  }

  private static RuntimeException jwtRefusal(Throwable failure) {
    Throwable t = dev.apigw.node.http.AwsErrors.unwrap(failure);
    if (t instanceof JwtAuthorizer.Refused r) {
      Map<String, String> headers = Map.of("www-authenticate", r.wwwAuthenticate());
      return r.status() == 403 ? HttpApiError.forbidden(headers) : HttpApiError.unauthorized(headers);
    }
    log.warn("JWT authorizer failed: {}", t.toString());
    return HttpApiError.unauthorized(Map.of("www-authenticate",
        "Bearer scope=\"\" error=\"invalid_token\" error_description=\"the issuer's keys could not be fetched\""));
  }

  private static RuntimeException lambdaRefusal(HttpExchange ex, Throwable failure) {
    Throwable t = dev.apigw.node.http.AwsErrors.unwrap(failure);
    if (t instanceof HttpLambdaAuthorizer.Refused r) {
      if (r.status() == 500) {
        log.warn("HTTP API {} route {}: the Lambda authorizer failed: {}", ex.address.apiId(), ex.routeKey(),
            r.getMessage());
        return HttpApiError.internal();
      }
      return r.status() == 401 ? HttpApiError.unauthorized(Map.of()) : HttpApiError.forbidden(Map.of());
    }
    log.warn("HTTP API {} route {}: the Lambda authorizer failed: {}", ex.address.apiId(), ex.routeKey(), t.toString());
    return HttpApiError.internal();
  }
}
