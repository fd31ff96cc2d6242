/** AWS's management API errors as exceptions that carry their status and error type. */
package dev.apigw.protocol.errors;
