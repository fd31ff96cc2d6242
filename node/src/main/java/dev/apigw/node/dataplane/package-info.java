/** The data plane: serves deployed API stages to API clients on the data-plane port. */
package dev.apigw.node.dataplane;
