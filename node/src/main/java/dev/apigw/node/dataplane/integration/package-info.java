/** Integrations: how a matched method reaches its backend (HTTP, HTTP_PROXY, MOCK, Lambda) and maps the answer. */
package dev.apigw.node.dataplane.integration;
