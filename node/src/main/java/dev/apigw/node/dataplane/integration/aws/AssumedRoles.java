package dev.apigw.node.dataplane.integration.aws;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The credentials of integration {@code credentials} roles, assumed through STS {@code AssumeRole} (query protocol,
 * signed with the gateway's own identity) and kept until {@link AwsSettings#RENEW_BEFORE_EXPIRY} before they expire.
 * A refusal is remembered for a few seconds, so a misconfigured API does not call STS on every request.
 */
final class AssumedRoles {
  private static final Logger log = LoggerFactory.getLogger(AssumedRoles.class);
  private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
  private static final Duration SESSION = Duration.ofHours(1);
  private static final Duration REMEMBER_FAILURE = Duration.ofSeconds(5);
  private static final Duration STS_TIMEOUT = Duration.ofSeconds(10);
  /** What AWS's STS answers at most; a larger answer is not STS's. */
  private static final int MAX_ANSWER = 64 * 1024;

  private record Entry(CompletableFuture<AwsCredentialsIdentity> credentials, Instant renewAt) {}

  private final Function<AwsServiceRequest, CompletionStage<AwsServiceResponse>> sts;
  private final String region;
  private final Clock clock;
  private final Cache<String, Entry> cache = Caffeine.newBuilder().maximumSize(1_000).build();

  AssumedRoles(Function<AwsServiceRequest, CompletionStage<AwsServiceResponse>> sts, String region, Clock clock) {
    this.sts = sts;
    this.region = region;
    this.clock = clock;
  }

  /** The role's credentials: cached ones while fresh, else a new session from STS (one call for concurrent askers). */
  CompletionStage<AwsCredentialsIdentity> credentials(String roleArn) {
    if (!ROLE_ARN.matcher(roleArn).matches()) {
      return CompletableFuture.failedFuture(new AssumeRoleException("integration credentials '" + roleArn
          + "' (expected: a role ARN arn:aws:iam::{account}:role/{name})"));
    }
    Instant now = clock.instant();
    boolean[] created = {false};
    // compute is atomic per key: exactly one caller creates the pending entry and calls STS; the others share it.
    Entry entry = cache.asMap().compute(roleArn, (arn, old) -> {
      if (old != null && now.isBefore(old.renewAt())) {
        return old;
      }
      created[0] = true;
      return new Entry(new CompletableFuture<>(), Instant.MAX);
    });
    if (created[0]) {
      assume(roleArn, entry);
    }
    return entry.credentials();
  }

  private void assume(String roleArn, Entry entry) {
    String form = "Action=AssumeRole&Version=2011-06-15&RoleArn=" + enc(roleArn)
        + "&RoleSessionName=apigateway-" + Long.toString(clock.millis(), 36) + "&DurationSeconds=" + SESSION.toSeconds();
    var request = new AwsServiceRequest("sts", region, null, "POST", "/", List.of(), List.of(),
        "application/x-www-form-urlencoded; charset=utf-8", form.getBytes(StandardCharsets.UTF_8), null, STS_TIMEOUT);
    sts.apply(request).thenApply(response -> parse(roleArn, response)).whenComplete((creds, failure) -> {
      if (failure == null) {
        Instant renewAt = creds.expirationTime().map(t -> t.minus(AwsSettings.RENEW_BEFORE_EXPIRY))
            .orElse(clock.instant().plus(SESSION).minus(AwsSettings.RENEW_BEFORE_EXPIRY));
        cache.asMap().computeIfPresent(roleArn, (k, v) -> v.credentials() == entry.credentials()
            ? new Entry(v.credentials(), renewAt) : v);
        entry.credentials().complete(creds);
      } else {
        Throwable t = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        log.warn("AssumeRole of {} failed: {}", roleArn, t.getMessage());
        cache.asMap().computeIfPresent(roleArn, (k, v) -> v.credentials() == entry.credentials()
            ? new Entry(v.credentials(), clock.instant().plus(REMEMBER_FAILURE)) : v);
        entry.credentials().completeExceptionally(t instanceof AssumeRoleException ? t
            : new AssumeRoleException("AssumeRole of " + roleArn + " failed: " + t.getMessage()));
      }
    });
  }

  private static AwsCredentialsIdentity parse(String roleArn, AwsServiceResponse response) {
    if (response.body().length > MAX_ANSWER) {
      throw new AssumeRoleException("AssumeRole of " + roleArn + ": STS answered " + response.body().length + " bytes");
    }
    Document xml = xml(response.body());
    if (response.status() != 200 || xml == null) {
      String code = xml == null ? null : text(xml, "Code");
      String message = xml == null ? null : text(xml, "Message");
      throw new AssumeRoleException("AssumeRole of " + roleArn + " refused by STS: " + response.status()
          + (code == null ? "" : " " + code) + (message == null ? "" : ": " + message));
    }
    String keyId = text(xml, "AccessKeyId");
    String secret = text(xml, "SecretAccessKey");
    String token = text(xml, "SessionToken");
    String expiration = text(xml, "Expiration");
    if (keyId == null || secret == null || token == null) {
      throw new AssumeRoleException("AssumeRole of " + roleArn + ": STS's answer has no Credentials");
    }
    Instant expires = null;
    try {
      expires = expiration == null ? null : Instant.parse(expiration);
    } catch (java.time.format.DateTimeParseException e) {
      // Without a readable expiry the session's requested length applies.
    }
    return AwsSessionCredentials.builder().accessKeyId(keyId).secretAccessKey(secret).sessionToken(token)
        .expirationTime(expires).build();
  }

  private static Document xml(byte[] body) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setNamespaceAware(true);
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
    } catch (Exception notXml) {
      return null;
    }
  }

  private static String text(Document xml, String localName) {
    NodeList nodes = xml.getElementsByTagNameNS("*", localName);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

}
