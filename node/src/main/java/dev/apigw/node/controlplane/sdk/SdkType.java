package dev.apigw.node.controlplane.sdk;

import java.util.List;

/**
 * One of AWS's SDK types ({@code GetSdkType}), and whether this gateway generates it.
 *
 * @param id the type's id, the {@code sdkType} of GetSdk
 * @param friendlyName its name in AWS's console
 * @param description what it is
 * @param configurationProperties the GetSdk parameters it takes
 * @param generated whether GetSdk generates it here (the others answer 400 saying so)
 */
public record SdkType(String id, String friendlyName, String description, List<Property> configurationProperties,
    boolean generated) {

  public SdkType {
    configurationProperties = List.copyOf(configurationProperties);
  }

  /**
   * AWS's {@code SdkConfigurationProperty}.
   *
   * @param name the GetSdk parameter's name
   * @param friendlyName its label in AWS's console
   * @param description what it sets
   * @param required whether GetSdk needs it
   * @param defaultValue its value when absent, or null
   */
  public record Property(String name, String friendlyName, String description, boolean required,
      String defaultValue) {}
}
