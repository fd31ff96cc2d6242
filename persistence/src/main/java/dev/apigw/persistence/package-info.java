/** Event-sourced entities of the gateway, persisted to Cassandra through Pekko Persistence. */
package dev.apigw.persistence;
