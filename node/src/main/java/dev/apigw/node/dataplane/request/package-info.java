/** A data-plane request as every step and integration reads it: the method request, the invocation, its record. */
package dev.apigw.node.dataplane.request;
