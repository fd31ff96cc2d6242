/** HTTP pieces both planes share: AWS's error shape, request ids, JSON bodies and SigV4 primitives. */
package dev.apigw.node.http;
