package dev.apigw.node.testing;

import static org.assertj.core.api.Assertions.assertThat;

import software.amazon.awssdk.services.apigatewayv2.model.BadRequestException;

/** The apigatewayv2 SDK's failures, asserted where a test expects one. */
public final class V2Failures {
  private V2Failures() {}

  /** The 400 {@code call} fails with; an AssertionError when it succeeds. */
  public static BadRequestException badRequest(Runnable call) {
    try {
      call.run();
    } catch (BadRequestException e) {
      assertThat(e.statusCode()).isEqualTo(400);
      return e;
    }
    throw new AssertionError("expected a BadRequestException");
  }
}
