/** The event-sourced apigatewayv2 API entity (WebSocket and HTTP APIs): definition, deployments and stages of one API. */
package dev.apigw.persistence.v2;
