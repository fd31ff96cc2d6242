package dev.apigw.node.controlplane.tags;

import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.pekko.Done;

/**
 * How to read and change the tags of one resource kind; the resource's own service provides both,
 * so tags stay inside the resource's entity.
 *
 * @param read the tags of the resource with this id
 * @param write replaces the tags of the resource with this id by a function of them
 */
public record TagStore(
    Function<String, CompletionStage<Map<String, String>>> read,
    BiFunction<String, UnaryOperator<Map<String, String>>, CompletionStage<Done>> write) {}
