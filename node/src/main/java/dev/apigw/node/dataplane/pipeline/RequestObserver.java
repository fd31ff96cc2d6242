package dev.apigw.node.dataplane.pipeline;

/** Hears about every answered data-plane request (metrics, access logs); must not block. */
@FunctionalInterface
public interface RequestObserver {
  void completed(CompletedRequest request);
}
