/** API keys, usage plans, usage plan keys and usage in the management API: wire format, routes and services. */
package dev.apigw.node.controlplane.keys;
