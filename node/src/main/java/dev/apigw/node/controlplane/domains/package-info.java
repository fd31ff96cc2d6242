/** Custom domain names and base path mappings in the management API: wire format, routes and service. */
package dev.apigw.node.controlplane.domains;
