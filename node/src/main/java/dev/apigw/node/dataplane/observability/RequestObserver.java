package dev.apigw.node.dataplane.observability;

import dev.apigw.node.dataplane.observability.CompletedRequest;
/** Hears about every answered data-plane request (metrics, access logs); must not block. */
@FunctionalInterface
public interface RequestObserver {
  void completed(CompletedRequest request);
}
