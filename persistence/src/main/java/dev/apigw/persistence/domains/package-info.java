/** Event-sourced custom domain names, each holding its base path mappings. */
package dev.apigw.persistence.domains;
