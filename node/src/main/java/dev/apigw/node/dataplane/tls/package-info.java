/** The data plane's TLS port: certificates per custom domain chosen by SNI, security policies, mutual TLS and reloads. */
package dev.apigw.node.dataplane.tls;
