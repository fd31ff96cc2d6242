package dev.apigw.persistence.restapi;

import dev.apigw.protocol.CborSerializable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * The cluster-wide topic on which REST API entities announce that an API changed (a deployment,
 * a stage, its settings or its removal). Data-plane nodes subscribe and refetch that API, so a
 * change is served everywhere without polling. Delivery is at most once: subscribers also resync
 * periodically.
 *
 * <p>A Pekko extension, so there is exactly one topic actor per actor system and it dies with it.
 */
public final class RestApiChanges implements Extension {
  /** The topic's name; the same on every node, so the per-node topic actors find each other. */
  public static final String TOPIC_NAME = "rest-api-changes";

  /** Announces that API {@code apiId} changed. */
  public record RestApiChanged(String apiId) implements CborSerializable {}

  private static final ExtensionId<RestApiChanges> ID = new ExtensionId<>() {
    @Override
    public RestApiChanges createExtension(ActorSystem<?> system) {
      return new RestApiChanges(
          system.systemActorOf(Topic.create(RestApiChanged.class, TOPIC_NAME), TOPIC_NAME + "-topic", Props.empty()));
    }
  };

  private final ActorRef<Topic.Command<RestApiChanged>> topic;

  private RestApiChanges(ActorRef<Topic.Command<RestApiChanged>> topic) {
    this.topic = topic;
  }

  /** This node's topic actor. */
  public static ActorRef<Topic.Command<RestApiChanged>> topic(ActorSystem<?> system) {
    return ID.apply(system).topic;
  }

  /** The message that publishes a change of {@code apiId}. */
  public static Topic.Command<RestApiChanged> publish(String apiId) {
    return Topic.publish(new RestApiChanged(apiId));
  }

  /** The message that subscribes {@code subscriber}. */
  public static Topic.Command<RestApiChanged> subscribe(ActorRef<RestApiChanged> subscriber) {
    return Topic.subscribe(subscriber);
  }
}
