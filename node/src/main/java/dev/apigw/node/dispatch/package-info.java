/** How the node's dispatcher runs Pekko's work: the default dispatcher's executor. */
package dev.apigw.node.dispatch;
