/** Starting a node: settings, the embedded Cassandra, the actor system, its servers and shutdown. */
package dev.apigw.node.bootstrap;
