/** The REST API entity and the account's directory of REST APIs. */
package dev.apigw.persistence.restapi;
