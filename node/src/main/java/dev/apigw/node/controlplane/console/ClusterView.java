package dev.apigw.node.controlplane.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apigw.node.http.Json;
import dev.apigw.persistence.health.JournalHealth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetClusterShardingStats;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * The cluster as this node sees it, for the console: members with status and roles, the journal's health, and for
 * every sharded entity type how many shards and entities each node holds (Cluster Sharding's own statistics).
 */
public final class ClusterView {
  private final ActorSystem<?> system;
  private final JournalHealth journal;
  private final List<EntityTypeKey<?>> entityTypes;
  private final Duration timeout;

  public ClusterView(ActorSystem<?> system, JournalHealth journal, List<EntityTypeKey<?>> entityTypes, Duration timeout) {
    this.system = system;
    this.journal = journal;
    this.entityTypes = List.copyOf(entityTypes);
    this.timeout = timeout;
  }

  /** The current view; a shard type whose statistics do not arrive in time is reported with its error. */
  public CompletionStage<ObjectNode> describe() {
    var cluster = Cluster.get(system);
    var state = cluster.state();
    ObjectNode out = Json.object();
    out.put("self", cluster.selfMember().address().toString());
    out.put("leader", state.getLeader() == null ? null : state.getLeader().toString());
    var members = out.putArray("members");
    for (Member m : state.getMembers()) {
      ObjectNode member = members.addObject();
      member.put("address", m.address().toString());
      member.put("status", m.status().toString());
      member.put("reachable", !state.getUnreachable().contains(m));
      var roles = member.putArray("roles");
      m.getRoles().stream().filter(r -> !r.startsWith("dc-")).sorted().forEach(roles::add);
      member.put("dataCenter", m.dataCenter());
    }
    ObjectNode health = out.putObject("journal");
    health.put("available", journal.available());
    health.put("answered", journal.answered());
    var sharding = ClusterSharding.get(system);
    List<CompletableFuture<ObjectNode>> types = new ArrayList<>();
    for (EntityTypeKey<?> type : entityTypes) {
      CompletionStage<ShardRegion.ClusterShardingStats> stats = AskPattern.ask(
          sharding.shardState(), replyTo -> new GetClusterShardingStats(type, timeout, replyTo),
          timeout.plusSeconds(1), system.scheduler());
      types.add(stats.handle((s, failure) -> {
        ObjectNode item = Json.object();
        item.put("entityType", type.name());
        if (failure != null) {
          item.put("error", "no statistics: " + failure.getMessage());
          return item;
        }
        var regions = item.putArray("regions");
        s.getRegions().forEach((address, region) -> {
          ObjectNode r = regions.addObject();
          r.put("address", address.toString());
          r.put("shards", region.getStats().size());
          r.put("entities", region.getStats().values().stream().mapToInt(n -> ((Number) n).intValue()).sum());
        });
        return item;
      }).toCompletableFuture());
    }
    return CompletableFuture.allOf(types.toArray(CompletableFuture[]::new)).thenApply(done -> {
      var shards = out.putArray("sharding");
      types.forEach(t -> shards.add(t.join()));
      return out;
    });
  }
}
