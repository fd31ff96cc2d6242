/** The event-sourced WebSocket API entity (apigatewayv2): definition, deployments and stages of one API. */
package dev.apigw.persistence.websocket;
