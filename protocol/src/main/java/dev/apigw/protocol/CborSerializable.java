package dev.apigw.protocol;

/**
 * Marker for every message, event and state that crosses the network or reaches the journal;
 * bound to Pekko's Jackson CBOR serializer in configuration.
 */
public interface CborSerializable {}
