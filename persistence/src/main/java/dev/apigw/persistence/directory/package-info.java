/** Account-level ordered id lists that listings page through, one per resource kind. */
package dev.apigw.persistence.directory;
