package dev.apigw.node.sigv4;

import dev.apigw.node.sigv4.SigV4Verifier;
/** The outcome of {@link SigV4Verifier#verify}: who signed the request, or AWS's error for it. */
public sealed interface SigV4Result {

  /** The signature is valid for this access key; {@code region} is the one in the credential scope. */
  record Accepted(String accessKeyId, String region) implements SigV4Result {}

  /**
   * The request must be refused with this HTTP status, {@code x-amzn-ErrorType} and message, worded
   * as AWS words them so that SDKs and scripts react the same way.
   */
  record Rejected(int status, String errorType, String message) implements SigV4Result {}
}
