package dev.apigw.protocol.v2;

import dev.apigw.protocol.CborSerializable;

/**
 * A stage's access logging: where each request's line goes and its format ({@code $context} variables).
 *
 * @param destinationArn a CloudWatch Logs group ARN (here: the name of the access log)
 * @param format e.g. {@code $context.requestId $context.status}
 */
public record AccessLogSettings(String destinationArn, String format) implements CborSerializable {}
