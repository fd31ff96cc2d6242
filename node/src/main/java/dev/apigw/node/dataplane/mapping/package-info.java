/**
 * API Gateway's VTL mapping templates and request/response parameter mapping, as a pure library the
 * pipeline calls.
 */
package dev.apigw.node.dataplane.mapping;
