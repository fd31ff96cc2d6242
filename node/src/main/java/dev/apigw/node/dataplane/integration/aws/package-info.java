/** Signed calls to AWS services (or compatible servers) for AWS integrations, with the gateway's and assumed credentials. */
package dev.apigw.node.dataplane.integration.aws;
