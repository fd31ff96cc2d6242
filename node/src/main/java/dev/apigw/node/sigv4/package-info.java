/** AWS Signature Version 4: verifying signed calls (management API, execute-api) and signing outgoing ones. */
package dev.apigw.node.sigv4;
