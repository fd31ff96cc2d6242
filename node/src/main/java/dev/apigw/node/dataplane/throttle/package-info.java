/** Throttling and quotas: cluster-wide token buckets and usage counters behind node-local leases. */
package dev.apigw.node.dataplane.throttle;
