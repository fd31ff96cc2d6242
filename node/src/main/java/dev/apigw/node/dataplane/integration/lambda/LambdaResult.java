package dev.apigw.node.dataplane.integration.lambda;

import java.util.Arrays;
import java.util.Objects;

/**
 * What the Lambda Invoke API answered for a synchronous invocation the service accepted.
 *
 * @param status the Invoke API's status, 200 for a {@code RequestResponse} call
 * @param functionError the {@code X-Amz-Function-Error} header ({@code Unhandled}, {@code Handled})
 *     when the function failed, otherwise null
 * @param payload the function's result, or its error document when {@code functionError} is set
 */
public record LambdaResult(int status, String functionError, byte[] payload) {

  /** A null payload becomes empty. */
  public LambdaResult {
    payload = payload == null ? new byte[0] : payload;
  }

  /** Whether the function itself failed (the invocation did reach it). */
  public boolean isFunctionError() {
    return functionError != null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LambdaResult r && r.status == status && Objects.equals(r.functionError, functionError)
        && Arrays.equals(r.payload, payload);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * status + Objects.hashCode(functionError)) + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "LambdaResult[status=" + status + ", functionError=" + functionError + ", payload=" + payload.length + " bytes]";
  }
}
