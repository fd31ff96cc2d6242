/** The REST stage cache: node-local cached integration responses, flushed cluster-wide. */
package dev.apigw.node.dataplane.cache;
