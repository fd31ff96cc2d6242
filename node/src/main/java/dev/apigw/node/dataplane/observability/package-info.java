/** Metrics and access logs of the data plane, with AWS's names and variables. */
package dev.apigw.node.dataplane.observability;
