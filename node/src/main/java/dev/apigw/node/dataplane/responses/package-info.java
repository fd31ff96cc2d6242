/** Gateway responses: how every data-plane error is answered, customisable per API. */
package dev.apigw.node.dataplane.responses;
