package dev.apigw.node.controlplane.common;

import dev.apigw.node.http.AwsErrors;
import dev.apigw.protocol.errors.NotFoundException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Small combinators for the asks the control plane fans out. */
public final class Futures {
  private Futures() {}

  /** All results in input order, once every stage completed; the first failure fails the whole. */
  public static <T> CompletionStage<List<T>> all(List<? extends CompletionStage<T>> stages) {
    List<CompletableFuture<T>> futures = stages.stream().map(CompletionStage::toCompletableFuture).toList();
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .thenApply(v -> futures.stream().map(CompletableFuture::join).toList());
  }

  /** The value, or empty when the stage failed with {@link NotFoundException}; other failures stay failures. */
  public static <T> CompletionStage<Optional<T>> ifPresent(CompletionStage<T> stage) {
    return stage.handle(
        (value, failure) -> {
          if (failure == null) {
            return Optional.of(value);
          }
          Throwable cause = AwsErrors.unwrap(failure);
          if (cause instanceof NotFoundException) {
            return Optional.<T>empty();
          }
          throw new CompletionException(cause);
        });
  }

  /** Looks every id up, dropping those that are gone, keeping order. */
  public static <T> CompletionStage<List<T>> present(List<String> ids, Function<String, CompletionStage<T>> lookup) {
    return all(ids.stream().map(id -> ifPresent(lookup.apply(id))).toList())
        .thenApply(found -> found.stream().flatMap(Optional::stream).toList());
  }

  /** A failed stage, for checks that fail before any ask. */
  public static <T> CompletionStage<T> failed(Throwable t) {
    return CompletableFuture.failedFuture(t);
  }
}
