/** What every management resource family shares: directives, JSON fields, paging, patch operations, tag rules. */
package dev.apigw.node.controlplane.common;
