/** Custom domain names and their base path mappings (apigateway v1 domain model). */
package dev.apigw.protocol.domains;
