/** GetSdk, GetSdkTypes and GetSdkType: AWS's SDK types, and client SDKs generated from a stage's OpenAPI export. */
package dev.apigw.node.controlplane.sdk;
