/** The WebSocket API model (apigatewayv2): APIs, routes, integrations, their responses, authorizers, stages and deployments. */
package dev.apigw.protocol.websocket;
