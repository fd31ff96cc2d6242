package dev.apigw.persistence.changes;

import dev.apigw.protocol.CborSerializable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * The cluster-wide topic on which {@code FlushStageCache} and {@code FlushStageAuthorizersCache} reach every node's
 * data plane: caches are node-local, so a flush must be told to each. Delivery is at most once (a node that misses a
 * flush keeps its entries until their TTL). A Pekko extension: one topic actor per actor system.
 */
public final class CacheFlushes implements Extension {
  /** The topic's name, the same on every node. */
  public static final String TOPIC_NAME = "stage-cache-flushes";

  /** What to flush. */
  public enum What { RESPONSES, AUTHORIZERS }

  /** Flush {@code what} of stage {@code stage} of REST API {@code apiId}. */
  public record Flush(What what, String apiId, String stage) implements CborSerializable {}

  private static final ExtensionId<CacheFlushes> ID = new ExtensionId<>() {
    @Override
    public CacheFlushes createExtension(ActorSystem<?> system) {
      return new CacheFlushes(
          system.systemActorOf(Topic.create(Flush.class, TOPIC_NAME), TOPIC_NAME + "-topic", Props.empty()));
    }
  };

  private final ActorRef<Topic.Command<Flush>> topic;

  private CacheFlushes(ActorRef<Topic.Command<Flush>> topic) {
    this.topic = topic;
  }

  /** Tells every node (this one included) to flush. */
  public static void publish(ActorSystem<?> system, Flush flush) {
    ID.apply(system).topic.tell(Topic.publish(flush));
  }

  /** Subscribes {@code subscriber} to every flush. */
  public static void subscribe(ActorSystem<?> system, ActorRef<Flush> subscriber) {
    ID.apply(system).topic.tell(Topic.subscribe(subscriber));
  }
}
