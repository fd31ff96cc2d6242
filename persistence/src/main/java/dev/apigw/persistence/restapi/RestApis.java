package dev.apigw.persistence.restapi;

import dev.apigw.protocol.errors.NotFoundException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.pattern.StatusReply;

/**
 * Asks a REST API's sharded entity, for every service that works on one API. Ids that cannot be
 * API ids are refused here, so junk never spawns an entity.
 */
public final class RestApis {
  private static final Pattern API_ID = Pattern.compile("[a-z0-9]{10}");

  private final ClusterSharding sharding;
  private final Duration askTimeout;
  private final String accountId;

  public RestApis(ClusterSharding sharding, Duration askTimeout, String accountId) {
    this.sharding = sharding;
    this.askTimeout = askTimeout;
    this.accountId = accountId;
  }

  /** Sends the command built by {@code command} to API {@code apiId}; fails with AWS's errors. */
  public <T> CompletionStage<T> ask(String apiId, Function<ActorRef<StatusReply<T>>, RestApiEntity.Command> command) {
    if (!API_ID.matcher(apiId).matches()) {
      return CompletableFuture.failedFuture(
          new NotFoundException("Invalid API identifier specified " + accountId + ":" + apiId));
    }
    return sharding.entityRefFor(RestApiEntity.ENTITY_KEY, apiId).askWithStatus(command::apply, askTimeout);
  }

  /** The whole state of an API. */
  public CompletionStage<RestApiEntity.Active> inspect(String apiId) {
    return ask(apiId, RestApiEntity.Inspect::new);
  }

  public String accountId() {
    return accountId;
  }
}
