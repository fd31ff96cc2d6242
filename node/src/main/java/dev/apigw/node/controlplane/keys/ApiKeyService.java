package dev.apigw.node.controlplane.keys;

import dev.apigw.node.controlplane.common.Futures;
import dev.apigw.node.controlplane.common.Paging;
import dev.apigw.node.controlplane.common.PatchOperation;
import dev.apigw.persistence.directory.AccountDirectory;
import dev.apigw.persistence.keys.ApiKeyEntity;
import dev.apigw.persistence.keys.ApiKeyValueIndex;
import dev.apigw.persistence.keys.UsagePlanEntity;
import dev.apigw.protocol.Ids;
import dev.apigw.protocol.errors.NotFoundException;
import dev.apigw.protocol.keys.ApiKey;
import dev.apigw.protocol.tags.TagChange;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.apache.pekko.Done;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * The API key operations of the management API, as asks to the sharded entities: the key itself,
 * the account's value index (unique values) and the account's key directory (listing).
 */
public final class ApiKeyService {
  static final Pattern KEY_ID = Pattern.compile("[a-z0-9]{10}");
  private static final char[] VALUE_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final int GENERATED_VALUE_LENGTH = 40;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ClusterSharding sharding;
  private final Duration askTimeout;
  private final String accountId;
  private final Clock clock;

  public ApiKeyService(ClusterSharding sharding, Duration askTimeout, String accountId, Clock clock) {
    this.sharding = sharding;
    this.askTimeout = askTimeout;
    this.accountId = accountId;
    this.clock = clock;
  }

  /** Claims the value, registers the id, then creates the key; a failed step releases the value. */
  public CompletionStage<ApiKey> create(CreateApiKeyRequest request) {
    String id = Ids.newId();
    String value = request.value() != null ? request.value() : generateValue();
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    ApiKey key =
        new ApiKey(id, value, request.name(), request.description(), request.enabled(), request.customerId(),
            request.stageKeys(), now, now, request.tags());
    return index()
        .<Done>askWithStatus(r -> new ApiKeyValueIndex.Claim(value, id, r), askTimeout)
        .thenCompose(done -> directory().<Done>askWithStatus(r -> new AccountDirectory.Register(id, r), askTimeout))
        .thenCompose(done -> key(id).<ApiKey>askWithStatus(r -> new ApiKeyEntity.Create(key, r), askTimeout))
        .exceptionallyCompose(
            failure ->
                index()
                    .<Done>askWithStatus(r -> new ApiKeyValueIndex.Release(value, id, r), askTimeout)
                    .handle((done, releaseFailure) -> done)
                    .thenCompose(done -> Futures.failed(failure)));
  }

  /** The key, or AWS's {@link NotFoundException}. */
  public CompletionStage<ApiKey> get(String keyId) {
    if (!KEY_ID.matcher(keyId).matches()) {
      return Futures.failed(new NotFoundException(ApiKeyEntity.NOT_FOUND));
    }
    return key(keyId).askWithStatus(ApiKeyEntity.Get::new, askTimeout);
  }

  /**
   * A page of keys in creation order, filtered by name prefix and customer id. Filters apply
   * within the page, so a filtered page may hold fewer than {@code limit} keys.
   */
  public CompletionStage<Paging.Page<ApiKey>> list(String position, int limit, String nameQuery, String customerId) {
    return directory()
        .<AccountDirectory.Page>askWithStatus(r -> new AccountDirectory.ListIds(position, limit, r), askTimeout)
        .thenCompose(
            page ->
                Futures.present(page.ids(), this::get)
                    .thenApply(
                        keys ->
                            new Paging.Page<>(
                                keys.stream()
                                    .filter(k -> nameQuery == null || (k.name() != null && k.name().startsWith(nameQuery)))
                                    .filter(k -> customerId == null || customerId.equals(k.customerId()))
                                    .toList(),
                                page.next())));
  }

  /** Applies the patch to the current key (compare-and-set: a concurrent change is a 409). */
  public CompletionStage<ApiKey> update(String keyId, List<PatchOperation> ops) {
    return change(keyId, key -> ApiKeyPatch.apply(key, ops));
  }

  /** The key's tags. */
  public CompletionStage<Map<String, String>> tags(String keyId) {
    return get(keyId).thenApply(ApiKey::tags);
  }

  /** TagResource, UntagResource: the key's entity applies {@code change} to its current tags. */
  public CompletionStage<Done> retag(String keyId, TagChange change) {
    if (!KEY_ID.matcher(keyId).matches()) {
      return Futures.failed(new NotFoundException(ApiKeyEntity.NOT_FOUND));
    }
    return key(keyId).askWithStatus(
        r -> new ApiKeyEntity.Retag(change, clock.instant().truncatedTo(ChronoUnit.SECONDS), r), askTimeout);
  }

  private CompletionStage<ApiKey> change(String keyId, UnaryOperator<ApiKey> change) {
    return get(keyId)
        .thenCompose(
            current -> {
              ApiKey updated = change.apply(current).withLastUpdatedDate(clock.instant().truncatedTo(ChronoUnit.SECONDS));
              return key(keyId).askWithStatus(r -> new ApiKeyEntity.Update(current, updated, r), askTimeout);
            });
  }

  /**
   * Deletes the key, frees its value, drops it from the directory and from every usage plan that
   * holds it (AWS removes a deleted key from its plans too).
   */
  public CompletionStage<Done> delete(String keyId) {
    return get(keyId)
        .thenCompose(
            key ->
                key(keyId)
                    .<Done>askWithStatus(r -> new ApiKeyEntity.Delete(clock.instant(), r), askTimeout)
                    .thenCompose(
                        done -> index().<Done>askWithStatus(r -> new ApiKeyValueIndex.Release(key.value(), keyId, r), askTimeout)))
        .thenCompose(done -> directory().<Done>askWithStatus(r -> new AccountDirectory.Unregister(keyId, r), askTimeout))
        .thenCompose(done -> leavePlans(keyId));
  }

  private CompletionStage<Done> leavePlans(String keyId) {
    return sharding
        .entityRefFor(AccountDirectory.ENTITY_KEY, AccountDirectory.entityId(AccountDirectory.Kind.USAGE_PLANS, accountId))
        .<AccountDirectory.Page>askWithStatus(AccountDirectory.ListAll::new, askTimeout)
        .thenCompose(
            plans ->
                Futures.all(
                    plans.ids().stream()
                        .map(
                            planId ->
                                Futures.ifPresent(
                                    sharding
                                        .entityRefFor(UsagePlanEntity.ENTITY_KEY, planId)
                                        .<Done>askWithStatus(r -> new UsagePlanEntity.RemoveKey(keyId, r), askTimeout)))
                        .toList()))
        .thenApply(results -> Done.getInstance());
  }

  private static String generateValue() {
    char[] out = new char[GENERATED_VALUE_LENGTH];
    for (int i = 0; i < out.length; i++) {
      out[i] = VALUE_ALPHABET[RANDOM.nextInt(VALUE_ALPHABET.length)];
    }
    return new String(out);
  }

  private EntityRef<ApiKeyEntity.Command> key(String keyId) {
    return sharding.entityRefFor(ApiKeyEntity.ENTITY_KEY, keyId);
  }

  private EntityRef<ApiKeyValueIndex.Command> index() {
    return sharding.entityRefFor(ApiKeyValueIndex.ENTITY_KEY, accountId);
  }

  private EntityRef<AccountDirectory.Command> directory() {
    return sharding.entityRefFor(
        AccountDirectory.ENTITY_KEY, AccountDirectory.entityId(AccountDirectory.Kind.API_KEYS, accountId));
  }
}
