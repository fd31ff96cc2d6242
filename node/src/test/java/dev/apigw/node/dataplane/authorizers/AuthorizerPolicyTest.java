package dev.apigw.node.dataplane.authorizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apigw.node.dataplane.authorizers.AuthorizerPolicy.Decision;
import dev.apigw.node.http.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AuthorizerPolicyTest {
  private static final String ARN = "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets/7";

  private static AuthorizerPolicy policy(String statements) throws Exception {
    return AuthorizerPolicy.parse(Json.MAPPER.readTree("{\"Version\":\"2012-10-17\",\"Statement\":" + statements + "}"));
  }

  @Test
  void wildcardsMatchAnyRunOrOneCharacter() throws Exception {
    assertThat(policy("[{\"Effect\":\"Allow\",\"Action\":\"execute-api:Invoke\","
        + "\"Resource\":\"arn:aws:execute-api:us-east-1:123456789012:abc123/*/GET/pets/*\"}]").decide(ARN))
        .isEqualTo(Decision.ALLOW);
    assertThat(policy("{\"Effect\":\"Allow\",\"Action\":\"execute-api:*\",\"Resource\":\"arn:aws:execute-api:*:*:abc123/prod/GET/pets/?\"}")
        .decide(ARN)).isEqualTo(Decision.ALLOW);
    assertThat(policy("[{\"Effect\":\"Allow\",\"Action\":\"execute-api:Invoke\","
        + "\"Resource\":\"arn:aws:execute-api:us-east-1:123456789012:abc123/prod/POST/*\"}]").decide(ARN))
        .isEqualTo(Decision.IMPLICIT_DENY);
    // Regex characters in a resource are literal.
    assertThat(policy("[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets/.\"}]")
        .decide(ARN)).isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void anExplicitDenyWinsOverAnyAllow() throws Exception {
    assertThat(policy("[{\"Effect\":\"Allow\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"*\"},"
        + "{\"Effect\":\"Deny\",\"Action\":[\"s3:GetObject\",\"execute-api:invoke\"],\"Resource\":[\"x\",\"*/GET/pets/*\"]}]")
        .decide(ARN)).isEqualTo(Decision.EXPLICIT_DENY);
    assertThat(policy("[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]").decide(ARN))
        .isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void malformedPoliciesAreRefused() {
    assertThatThrownBy(() -> policy("[{\"Effect\":\"Maybe\",\"Action\":\"*\",\"Resource\":\"*\"}]"))
        .hasMessageContaining("Effect");
    assertThatThrownBy(() -> policy("[{\"Effect\":\"Allow\",\"Action\":\"*\"}]")).hasMessageContaining("Resource");
    assertThatThrownBy(() -> policy("\"nope\"")).hasMessageContaining("Statement");
    byte[] nested = ("{\"principalId\":\"u\",\"policyDocument\":{\"Statement\":[]},"
        + "\"context\":{\"nested\":{\"a\":1}}}").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> AuthorizerOutput.parse(nested)).hasMessageContaining("context.nested");
  }
}
