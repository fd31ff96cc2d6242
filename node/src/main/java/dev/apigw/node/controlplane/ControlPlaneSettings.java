package dev.apigw.node.controlplane;

import java.time.Duration;
import java.util.Map;

/**
 * What the management API needs to know, handed to it by the node (the control plane reads no other part's
 * settings).
 *
 * @param accountId the AWS account id the gateway presents
 * @param region the AWS region it presents and expects in signatures
 * @param credentials access key id to secret key, for SigV4
 * @param maxClockSkew how far a signed request's date may be from the node's clock
 * @param maxBodyBytes the largest management request body
 * @param askTimeout how long a call waits for an entity
 * @param readJournalPluginId the Persistence Query plugin that reads the journal (history)
 * @param dataPlaneDomain what follows {@code execute-api.} in the data plane's host names ({@code apiEndpoint})
 * @param dataPlanePort the data plane's port ({@code apiEndpoint})
 * @param accountRateLimit the account-level throttle the data plane enforces, requests per second (GetAccount)
 * @param accountBurstLimit its burst (GetAccount)
 */
public record ControlPlaneSettings(
    String accountId,
    String region,
    Map<String, String> credentials,
    Duration maxClockSkew,
    long maxBodyBytes,
    Duration askTimeout,
    String readJournalPluginId,
    String dataPlaneDomain,
    int dataPlanePort,
    double accountRateLimit,
    long accountBurstLimit) {

  @Override
  public String toString() {
    // Never print the secrets.
    return "ControlPlaneSettings[accountId=" + accountId + ", region=" + region + ", credentials=" + credentials.size()
        + " key pair(s)]";
  }
}
