package dev.apigw.protocol.restapi;

import dev.apigw.protocol.CborSerializable;
import java.util.Map;

/**
 * A method response: the status a method may answer with, its headers and models.
 *
 * @param statusCode e.g. {@code 200}
 * @param responseParameters header names ({@code method.response.header.X}) to required flags
 * @param responseModels content type to model name
 */
public record MethodResponse(String statusCode, Map<String, Boolean> responseParameters, Map<String, String> responseModels)
    implements CborSerializable {
  public MethodResponse {
    responseParameters = responseParameters == null ? Map.of() : Map.copyOf(responseParameters);
    responseModels = responseModels == null ? Map.of() : Map.copyOf(responseModels);
  }
}
