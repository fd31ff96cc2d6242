package dev.apigw.node.controlplane.account;

import dev.apigw.persistence.account.AccountEntity;
import dev.apigw.protocol.PatchOperation;
import dev.apigw.protocol.account.AccountSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;

/** Asks the account's entity; the routes render the answers. */
public final class AccountService {
  private final ClusterSharding sharding;
  private final Duration askTimeout;
  private final String accountId;
  private final Clock clock;

  public AccountService(ClusterSharding sharding, Duration askTimeout, String accountId, Clock clock) {
    this.sharding = sharding;
    this.askTimeout = askTimeout;
    this.accountId = accountId;
    this.clock = clock;
  }

  /** The account's whole state. */
  public CompletionStage<AccountEntity.State> state() {
    return ask(AccountEntity.Get::new);
  }

  /** UpdateAccount. */
  public CompletionStage<AccountSettings> update(List<PatchOperation> ops, String by) {
    return ask(r -> new AccountEntity.UpdateSettings(ops, clock.instant(), by, r));
  }

  Clock clock() {
    return clock;
  }

  <T> CompletionStage<T> ask(Function<ActorRef<StatusReply<T>>, AccountEntity.Command> command) {
    return sharding.entityRefFor(AccountEntity.ENTITY_KEY, accountId).askWithStatus(command::apply, askTimeout);
  }
}
