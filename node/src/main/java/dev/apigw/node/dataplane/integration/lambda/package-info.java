/** Invokes AWS Lambda functions for AWS and AWS_PROXY integrations, and speaks the proxy event format 1.0. */
package dev.apigw.node.dataplane.integration.lambda;
