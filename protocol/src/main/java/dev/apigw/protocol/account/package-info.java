/** Account-wide settings and resources of the REST API service: the Account, client certificates, VPC links. */
package dev.apigw.protocol.account;
