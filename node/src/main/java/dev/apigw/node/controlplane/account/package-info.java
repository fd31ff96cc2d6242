/** The account-wide REST operations: GetAccount/UpdateAccount, client certificates and VPC links. */
package dev.apigw.node.controlplane.account;
