/** Request validation: a method's request validator checks required parameters and the body's model before the integration runs. */
package dev.apigw.node.dataplane.validation;
