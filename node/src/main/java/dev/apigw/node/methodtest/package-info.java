/** TestInvokeMethod's and TestInvokeAuthorizer's contracts: the control plane asks, the data plane runs them. */
package dev.apigw.node.methodtest;
