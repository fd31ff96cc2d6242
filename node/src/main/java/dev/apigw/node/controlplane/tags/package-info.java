/** The {@code /tags/{resource_arn}} operations, which read and write the tags that each resource keeps. */
package dev.apigw.node.controlplane.tags;
