/** TestInvokeMethod's contract: the control plane asks, the data plane runs the method through its REST pipeline. */
package dev.apigw.node.methodtest;
