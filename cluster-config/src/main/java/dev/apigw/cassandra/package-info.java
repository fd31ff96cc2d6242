/** Runs a real Apache Cassandra 5 in its own JVM for the single-node default and for tests. */
package dev.apigw.cassandra;
