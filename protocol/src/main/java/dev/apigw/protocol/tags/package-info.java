/** Resource tags: AWS's rules for them and the change TagResource or UntagResource asks of a resource's tags. */
package dev.apigw.protocol.tags;
