package dev.apigw.node.dataplane.pipeline;

import dev.apigw.node.dataplane.request.MethodRequest;
import dev.apigw.node.dataplane.responses.GatewayError;
import dev.apigw.node.dataplane.responses.ResponseTypes;
import dev.apigw.node.dataplane.validation.ValidationInput;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/** The method's request validator: required parameters and the body's model; a failure is AWS's 400. */
final class Validate implements RestStep {
  @Override
  public CompletionStage<HttpResponse> apply(RestExchange ex) {
    if (ex.method.validation().isEmpty()) {
      return CONTINUE;
    }
    MethodRequest r = ex.request;
    ex.method.validation().get()
        .validate(new ValidationInput(r.pathParameters(), r.query(), r.headers(), r.contentType(), r.body()))
        .ifPresent(failure -> {
          throw new GatewayError(failure.responseType(), ResponseTypes.defaultStatus(failure.responseType()),
              failure.message(), failure.validationErrorString());
        });
    return CONTINUE;
  }
}
