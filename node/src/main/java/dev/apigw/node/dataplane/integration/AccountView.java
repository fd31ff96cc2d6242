package dev.apigw.node.dataplane.integration;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.apigw.persistence.account.AccountEntity;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * The account's client certificates and VPC links as the data plane sees them: the account entity's state, kept on
 * the node and refetched in the background about once a second while it is used, so that a request never waits for
 * the entity except the first one (or after a minute unused). A failed fetch is not kept: the next request asks again.
 */
final class AccountView {
  static final Duration REFRESH = Duration.ofSeconds(1);

  private final AsyncLoadingCache<String, AccountEntity.State> cache;
  private final String accountId;

  AccountView(ActorSystem<?> system, String accountId, Duration askTimeout) {
    this.accountId = accountId;
    AccountEntity.init(system);
    var sharding = ClusterSharding.get(system);
    this.cache = Caffeine.newBuilder()
        .refreshAfterWrite(REFRESH)
        .expireAfterWrite(Duration.ofMinutes(1))
        .buildAsync((id, executor) -> sharding.entityRefFor(AccountEntity.ENTITY_KEY, id)
            .<AccountEntity.State>askWithStatus(AccountEntity.Get::new, askTimeout).toCompletableFuture());
  }

  /** The account's state, at most about a second old while requests keep asking. */
  CompletionStage<AccountEntity.State> state() {
    return cache.get(accountId);
  }
}
