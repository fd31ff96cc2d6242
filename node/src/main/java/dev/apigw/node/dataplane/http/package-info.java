/** HTTP APIs (apigatewayv2, protocol HTTP): route matching, payload 2.0, JWT authorizers, CORS, the HTTP pipeline. */
package dev.apigw.node.dataplane.http;
