/** What the gateway knows of AWS services' APIs (integration uris, action protocols), shared by data and control plane. */
package dev.apigw.node.awsservice;
