/** API keys and usage plans (apigateway v1 domain model): who may call which stages, how often. */
package dev.apigw.protocol.keys;
