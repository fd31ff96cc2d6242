package dev.apigw.persistence.changes;

import dev.apigw.protocol.CborSerializable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * The cluster-wide topic on which entities announce that something the data plane serves changed
 * (an API's deployments or stages, a domain name's mappings, ...). Data-plane nodes subscribe and
 * refetch that one entity, so a change is served everywhere without polling. Delivery is at most
 * once: subscribers also resync periodically.
 *
 * <p>A Pekko extension, so there is exactly one topic actor per actor system and it dies with it.
 */
public final class ConfigChanges implements Extension {
  /** The topic's name; the same on every node, so the per-node topic actors find each other. */
  public static final String TOPIC_NAME = "config-changes";

  /** What kind of entity changed. */
  public enum Kind {
    REST_API,
    DOMAIN_NAME,
    API_KEY,
    USAGE_PLAN,
    WEBSOCKET_API
  }

  /** Announces that entity {@code id} of {@code kind} changed. */
  public record Changed(Kind kind, String id) implements CborSerializable {}

  private static final ExtensionId<ConfigChanges> ID = new ExtensionId<>() {
    @Override
    public ConfigChanges createExtension(ActorSystem<?> system) {
      return new ConfigChanges(
          system.systemActorOf(Topic.create(Changed.class, TOPIC_NAME), TOPIC_NAME + "-topic", Props.empty()));
    }
  };

  private final ActorRef<Topic.Command<Changed>> topic;

  private ConfigChanges(ActorRef<Topic.Command<Changed>> topic) {
    this.topic = topic;
  }

  /** This node's topic actor. */
  public static ActorRef<Topic.Command<Changed>> topic(ActorSystem<?> system) {
    return ID.apply(system).topic;
  }

  /** Publishes that {@code id} of {@code kind} changed, from this node. */
  public static void announce(ActorSystem<?> system, Kind kind, String id) {
    topic(system).tell(Topic.publish(new Changed(kind, id)));
  }

  /** The message that subscribes {@code subscriber}. */
  public static Topic.Command<Changed> subscribe(ActorRef<Changed> subscriber) {
    return Topic.subscribe(subscriber);
  }
}
