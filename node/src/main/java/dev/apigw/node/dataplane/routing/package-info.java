/** Finds the API, stage, resource and method a data-plane request is for. */
package dev.apigw.node.dataplane.routing;
