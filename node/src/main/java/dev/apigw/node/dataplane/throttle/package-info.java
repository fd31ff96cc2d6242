/** Throttling and quotas: API keys, usage plans, cluster-wide token buckets and usage counters behind node-local leases (docs/throttling.md). */
package dev.apigw.node.dataplane.throttle;
