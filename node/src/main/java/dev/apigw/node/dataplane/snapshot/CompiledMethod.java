package dev.apigw.node.dataplane.snapshot;

import dev.apigw.node.dataplane.integration.IntegrationPlan;
import dev.apigw.node.dataplane.validation.RequestValidation;
import dev.apigw.protocol.restapi.Method;
import java.util.Optional;

/**
 * A method of a deployment, compiled: its integration plan and request validation.
 *
 * @param method the method as deployed
 * @param integration the compiled integration
 * @param validation the request validation, when the method has a validator
 */
public record CompiledMethod(Method method, IntegrationPlan integration, Optional<RequestValidation> validation) {}
