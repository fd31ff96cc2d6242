package dev.apigw.protocol.restapi;

import dev.apigw.protocol.CborSerializable;

/**
 * Where and how a stage writes access logs.
 *
 * @param format a {@code $context} template (JSON, CLF, XML or CSV)
 * @param destinationArn the log destination
 */
public record AccessLogSettings(String format, String destinationArn) implements CborSerializable {}
