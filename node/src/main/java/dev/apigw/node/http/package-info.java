/** HTTP pieces both planes share: AWS's error shape, request ids and JSON bodies. */
package dev.apigw.node.http;
