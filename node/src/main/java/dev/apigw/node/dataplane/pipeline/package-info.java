/** The data plane's request pipeline: from a matched method to the response, one small step at a time. */
package dev.apigw.node.dataplane.pipeline;
