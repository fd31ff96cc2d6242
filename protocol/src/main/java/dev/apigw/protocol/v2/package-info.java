/**
 * The apigatewayv2 model, one for WebSocket and HTTP APIs: APIs (with their protocol type), routes, integrations, their
 * responses, authorizers, stages and deployments.
 */
package dev.apigw.protocol.v2;
