/** The account-wide entity of the REST API service: account settings, client certificates and VPC links. */
package dev.apigw.persistence.account;
