/** Lambda authorizers (TOKEN and REQUEST) for REST API methods: invocation, policy evaluation, result cache. */
package dev.apigw.node.dataplane.authorizers;
