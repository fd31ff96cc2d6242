/** The HTTP API pipeline: stage, CORS preflight, route, authorizer, throttle, integration, each a small step. */
package dev.apigw.node.dataplane.httpapi;
