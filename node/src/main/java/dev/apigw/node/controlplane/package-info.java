/** The AWS-compatible management API (apigateway v1 wire protocol) on the management port. */
package dev.apigw.node.controlplane;
