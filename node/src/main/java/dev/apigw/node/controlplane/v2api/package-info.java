/**
 * The apigatewayv2 management API ({@code /v2/apis/...}), one service for both protocol types: APIs, routes,
 * integrations, authorizers, stages, deployments. Only WebSocket APIs can be created so far.
 */
package dev.apigw.node.controlplane.v2api;
