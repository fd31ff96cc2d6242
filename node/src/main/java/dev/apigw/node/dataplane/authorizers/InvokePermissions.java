package dev.apigw.node.dataplane.authorizers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each data-plane key pair may call ({@code gateway.auth.invoke-policy}): a key with an allow list may call only
 * the {@code execute-api} resources it names (IAM wildcards {@code *} and {@code ?}, evaluated by {@link
 * AuthorizerPolicy}); a key without one may call every API. The allow list covers both of AWS's actions,
 * {@code execute-api:Invoke} (methods, {@code $connect}) and {@code execute-api:ManageConnections}
 * ({@code @connections}). Immutable.
 */
public final class InvokePermissions {
  /** Calling a method or connecting to a WebSocket API. */
  public static final String INVOKE = "execute-api:Invoke";
  /** {@code POST|GET|DELETE @connections/{connectionId}}. */
  public static final String MANAGE_CONNECTIONS = "execute-api:ManageConnections";

  private static final List<String> ACTIONS = List.of(INVOKE, MANAGE_CONNECTIONS);

  private final String accountId;
  private final Map<String, AuthorizerPolicy> allowListByKey;

  /**
   * @param accountId the gateway's account, for the caller's user ARN in a refusal
   * @param allowListByKey for each access key id with an allow list, the {@code execute-api} ARN patterns it may call
   */
  public InvokePermissions(String accountId, Map<String, List<String>> allowListByKey) {
    this.accountId = accountId;
    Map<String, AuthorizerPolicy> policies = new LinkedHashMap<>();
    allowListByKey.forEach((key, resources) -> policies.put(key, AuthorizerPolicy.allowing(ACTIONS, resources)));
    this.allowListByKey = Map.copyOf(policies);
  }

  /** Every key may call everything. */
  public static InvokePermissions unrestricted(String accountId) {
    return new InvokePermissions(accountId, Map.of());
  }

  /**
   * Empty when {@code accessKeyId} may perform {@code action} on {@code resourceArn}; otherwise AWS's message for an
   * IAM denial: {@code User: arn:aws:iam::{account}:user/{key} is not authorized to perform: {action} on resource:
   * {arn}}, the resource's account id masked but for its last four digits, as AWS masks it.
   */
  public Optional<String> denial(String accessKeyId, String action, String resourceArn) {
    AuthorizerPolicy allowList = allowListByKey.get(accessKeyId);
    if (allowList == null || allowList.decide(action, resourceArn) == AuthorizerPolicy.Decision.ALLOW) {
      return Optional.empty();
    }
    return Optional.of("User: arn:aws:iam::" + accountId + ":user/" + accessKeyId + " is not authorized to perform: "
        + action + " on resource: " + masked(resourceArn));
  }

  /** {@code arn:aws:execute-api:{region}:{account}:...} with the account as {@code ********1234}. */
  private static String masked(String arn) {
    String[] parts = arn.split(":", 6);
    if (parts.length < 6 || parts[4].length() <= 4) {
      return arn;
    }
    String account = parts[4];
    parts[4] = "*".repeat(account.length() - 4) + account.substring(account.length() - 4);
    return String.join(":", parts);
  }

  /** {@code arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{rest}}: a method, {@code $connect}, ... */
  public static String arn(String region, String accountId, String apiId, String stage, String rest) {
    return "arn:aws:execute-api:" + region + ":" + accountId + ":" + apiId + "/" + stage + "/" + rest;
  }
}
