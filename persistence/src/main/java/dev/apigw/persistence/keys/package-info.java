/** Event-sourced API keys, the account's key-value index and usage plans with their keys. */
package dev.apigw.persistence.keys;
