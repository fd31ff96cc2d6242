/**
 * Cluster-wide token buckets for API Gateway throttling: each bucket is owned by a sharded
 * {@link dev.apigw.node.dataplane.throttle.ThrottleBucket} that leases batches of tokens to nodes, and each node's
 * {@link dev.apigw.node.dataplane.throttle.Throttler} admits requests from its lease with a local atomic decrement
 * (design and over-admission bound: {@code docs/throttling.md}).
 */
package dev.apigw.node.dataplane.throttle;
