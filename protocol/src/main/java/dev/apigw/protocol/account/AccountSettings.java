package dev.apigw.protocol.account;

import dev.apigw.protocol.CborSerializable;
import dev.apigw.protocol.PatchOperation;
import dev.apigw.protocol.errors.BadRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The stored part of AWS's {@code Account} resource (the throttle limits come from the node's configuration).
 * Part of the journal's schema: add fields only with defaults, never rename one.
 *
 * @param cloudwatchRoleArn the IAM role AWS would log to CloudWatch with, or null
 * @param features enabled account features; AWS's accounts have {@code UsagePlans}
 */
public record AccountSettings(String cloudwatchRoleArn, List<String> features) implements CborSerializable {
  /** The only feature AWS documents. */
  public static final String USAGE_PLANS = "UsagePlans";

  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

  public AccountSettings {
    features = features == null ? List.of() : List.copyOf(features);
  }

  /** A new account, as AWS shows it: usage plans on, no CloudWatch role. */
  public static AccountSettings initial() {
    return new AccountSettings(null, List.of(USAGE_PLANS));
  }

  /**
   * UpdateAccount's operations, all or nothing: {@code replace /cloudwatchRoleArn} (an IAM role ARN, or empty to
   * clear it) and {@code add|remove /features} with a feature name.
   */
  public AccountSettings patch(List<PatchOperation> ops) {
    String role = cloudwatchRoleArn;
    List<String> next = new ArrayList<>(features);
    for (PatchOperation op : ops) {
      if (op.path().equals("/cloudwatchRoleArn") && op.op().equals("replace")) {
        String value = op.value();
        if (value == null || value.isEmpty()) {
          role = null;
        } else if (!ROLE_ARN.matcher(value).matches()) {
          throw new BadRequestException("The role ARN is not well formed: " + value);
        } else {
          role = value;
        }
      } else if (op.path().equals("/features") && (op.op().equals("add") || op.op().equals("remove"))) {
        if (!USAGE_PLANS.equals(op.value())) {
          throw new BadRequestException("Invalid feature specified: " + op.value() + " (expected: " + USAGE_PLANS + ")");
        }
        next.remove(op.value());
        if (op.op().equals("add")) {
          next.add(op.value());
        }
      } else {
        throw new BadRequestException("Invalid patch path '" + op.path() + "' specified for op '" + op.op()
            + "'. Must be one of: [replace /cloudwatchRoleArn, add /features, remove /features]");
      }
    }
    return new AccountSettings(role, next);
  }
}
