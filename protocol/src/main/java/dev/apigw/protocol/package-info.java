/** The gateway's domain model and the markers shared by every module; no HTTP and no Cassandra here. */
package dev.apigw.protocol;
