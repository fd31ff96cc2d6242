/** Node-local, immutable snapshots of every deployed stage, kept current from the cluster's entities. */
package dev.apigw.node.dataplane.snapshot;
