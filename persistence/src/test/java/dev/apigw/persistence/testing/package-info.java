/** Wiring shared by the persistence module's tests: actor-system configuration on the in-memory persistence test kit. */
package dev.apigw.persistence.testing;
