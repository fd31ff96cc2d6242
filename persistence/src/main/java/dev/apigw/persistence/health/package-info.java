/** How a node meets a journal that does not answer: the probe its callers consult, and how entities restart. */
package dev.apigw.persistence.health;
