package dev.apigw.node.controlplane.tags;

import dev.apigw.protocol.tags.TagChange;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.pekko.Done;

/**
 * How to read and change the tags of one resource kind; the resource's own service provides both,
 * so tags stay inside the resource's entity.
 *
 * @param read the tags of the resource with this id
 * @param write hands a {@link TagChange} to the entity of the resource with this id, which applies it to the
 *     current tags itself: a read here and a write there could lose a concurrent change
 */
public record TagStore(
    Function<String, CompletionStage<Map<String, String>>> read,
    BiFunction<String, TagChange, CompletionStage<Done>> write) {}
