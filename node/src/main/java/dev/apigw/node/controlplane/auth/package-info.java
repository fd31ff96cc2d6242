/** Verifies AWS Signature Version 4 on management API requests, as AWS's own endpoints do. */
package dev.apigw.node.controlplane.auth;
