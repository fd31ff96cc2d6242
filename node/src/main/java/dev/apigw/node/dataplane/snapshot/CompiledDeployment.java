package dev.apigw.node.dataplane.snapshot;

import dev.apigw.node.dataplane.responses.GatewayResponses;
import dev.apigw.node.dataplane.routing.RouteTable;

/**
 * A deployment compiled for serving: routes, integrations, templates, validators and gateway
 * responses, built once per deployment and shared by every stage that points at it.
 *
 * @param id the deployment id
 * @param routes the route table
 * @param responses the API's gateway responses as deployed
 */
public record CompiledDeployment(String id, RouteTable<CompiledMethod> routes, GatewayResponses responses) {}
