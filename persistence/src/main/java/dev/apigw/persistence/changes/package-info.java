/** Cluster-wide announcements that configuration changed, so every node refreshes its snapshots. */
package dev.apigw.persistence.changes;
