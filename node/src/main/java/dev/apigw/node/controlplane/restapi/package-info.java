/** REST API resources of the management API: wire format, routes and the service that asks entities. */
package dev.apigw.node.controlplane.restapi;
