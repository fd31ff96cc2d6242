package dev.apigw.protocol.v2;

import dev.apigw.protocol.CborSerializable;

/**
 * An integration's TLS settings towards its backend.
 *
 * @param serverNameToVerify the name the backend's certificate must carry (SNI), or null for the URI's host
 */
public record TlsConfig(String serverNameToVerify) implements CborSerializable {}
