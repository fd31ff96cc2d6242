/** The data plane's front edge: connection limits per client and in total, request-head deadlines, and AWS-shaped answers to requests Pekko HTTP cannot parse. */
package dev.apigw.node.dataplane.edge;
