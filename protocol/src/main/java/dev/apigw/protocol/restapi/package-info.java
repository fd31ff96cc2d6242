/** The REST API (apigateway v1) domain model. */
package dev.apigw.protocol.restapi;
