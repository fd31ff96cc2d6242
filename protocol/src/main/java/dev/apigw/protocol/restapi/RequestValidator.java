package dev.apigw.protocol.restapi;

import dev.apigw.protocol.CborSerializable;

/**
 * Which parts of a request a method checks before its integration runs.
 *
 * @param id 10 lowercase alphanumerics
 * @param name unique per API
 * @param validateRequestBody check the body against the method's request model
 * @param validateRequestParameters check required parameters are present
 */
public record RequestValidator(String id, String name, boolean validateRequestBody, boolean validateRequestParameters)
    implements CborSerializable {}
