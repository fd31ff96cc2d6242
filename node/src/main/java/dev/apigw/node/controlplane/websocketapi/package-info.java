/** The apigatewayv2 management API for WebSocket APIs ({@code /v2/apis/...}): routes, integrations, stages, deployments, authorizers. */
package dev.apigw.node.controlplane.websocketapi;
