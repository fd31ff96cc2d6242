package dev.apigw.node.dataplane.snapshot;

import dev.apigw.node.dataplane.authorizers.CompiledAuthorizer;
import dev.apigw.node.dataplane.integration.IntegrationPlan;
import dev.apigw.node.dataplane.validation.RequestValidation;
import dev.apigw.protocol.restapi.Method;
import java.util.Optional;

/**
 * A method of a deployment, compiled: its authorizer, integration plan and request validation.
 *
 * @param method the method as deployed
 * @param authorizer the authorizer of a {@code CUSTOM} or {@code COGNITO_USER_POOLS} method, or null
 * @param integration the compiled integration
 * @param validation the request validation, when the method has a validator
 */
public record CompiledMethod(Method method, CompiledAuthorizer authorizer, IntegrationPlan integration,
    Optional<RequestValidation> validation) {}
