package dev.apigw.node.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.DataPlaneClient;
import dev.apigw.node.testing.TestBackend;
import dev.apigw.node.testing.TestNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;

/**
 * The real Terraform CLI with the real {@code hashicorp/aws} provider against a real node, as a user runs it:
 * {@code init}, {@code apply}, call what it deployed on the data plane, {@code plan -detailed-exitcode} (no drift:
 * every answer reads back as the provider wrote it), {@code destroy}. The provider comes from a local filesystem
 * mirror, never from the internet; without {@code terraform} on the PATH or the mirror the test is skipped.
 */
@ExtendWith(CassandraExtension.class)
class TerraformTest {
  private static final Path MIRROR = Path.of(System.getProperty("apigw.test.terraform.mirror", "/opt/tf-plugins"));
  private static final Path PROVIDER = MIRROR.resolve("registry.terraform.io/hashicorp/aws");
  private static final long COMMAND_TIMEOUT_SECONDS = 120;

  /** A REST API with a MOCK integration, a deployment without a stage name, a stage, and a usage plan with a key. */
  private static final String REST_TF = """
      resource "aws_api_gateway_rest_api" "pets" {
        name               = "tf-pets"
        description        = "managed by terraform"
        binary_media_types = ["image/png"]
        endpoint_configuration {
          types = ["REGIONAL"]
        }
        tags = { team = "pets" }
      }
      resource "aws_api_gateway_resource" "items" {
        rest_api_id = aws_api_gateway_rest_api.pets.id
        parent_id   = aws_api_gateway_rest_api.pets.root_resource_id
        path_part   = "items"
      }
      resource "aws_api_gateway_method" "get" {
        rest_api_id   = aws_api_gateway_rest_api.pets.id
        resource_id   = aws_api_gateway_resource.items.id
        http_method   = "GET"
        authorization = "NONE"
        request_parameters = { "method.request.querystring.color" = false }
      }
      resource "aws_api_gateway_integration" "mock" {
        rest_api_id       = aws_api_gateway_rest_api.pets.id
        resource_id       = aws_api_gateway_resource.items.id
        http_method       = aws_api_gateway_method.get.http_method
        type                 = "MOCK"
        passthrough_behavior = "WHEN_NO_TEMPLATES"
        request_templates    = { "application/json" = "{\\"statusCode\\": 200}" }
      }
      resource "aws_api_gateway_method_response" "ok" {
        rest_api_id     = aws_api_gateway_rest_api.pets.id
        resource_id     = aws_api_gateway_resource.items.id
        http_method     = aws_api_gateway_method.get.http_method
        status_code     = "200"
        response_models = { "application/json" = "Empty" }
      }
      resource "aws_api_gateway_integration_response" "ok" {
        rest_api_id        = aws_api_gateway_rest_api.pets.id
        resource_id        = aws_api_gateway_resource.items.id
        http_method        = aws_api_gateway_method.get.http_method
        status_code        = aws_api_gateway_method_response.ok.status_code
        response_templates = { "application/json" = "{\\"items\\": [\\"rex\\", \\"tom\\"]}" }
        depends_on         = [aws_api_gateway_integration.mock]
      }

      # A second method that needs an API key of the usage plan below.
      resource "aws_api_gateway_resource" "vip" {
        rest_api_id = aws_api_gateway_rest_api.pets.id
        parent_id   = aws_api_gateway_rest_api.pets.root_resource_id
        path_part   = "vip"
      }
      resource "aws_api_gateway_method" "vip" {
        rest_api_id      = aws_api_gateway_rest_api.pets.id
        resource_id      = aws_api_gateway_resource.vip.id
        http_method      = "GET"
        authorization    = "NONE"
        api_key_required = true
      }
      resource "aws_api_gateway_integration" "vip" {
        rest_api_id       = aws_api_gateway_rest_api.pets.id
        resource_id       = aws_api_gateway_resource.vip.id
        http_method       = aws_api_gateway_method.vip.http_method
        type              = "MOCK"
        request_templates = { "application/json" = "{\\"statusCode\\": 200}" }
      }
      resource "aws_api_gateway_method_response" "vip" {
        rest_api_id = aws_api_gateway_rest_api.pets.id
        resource_id = aws_api_gateway_resource.vip.id
        http_method = aws_api_gateway_method.vip.http_method
        status_code = "200"
      }
      resource "aws_api_gateway_integration_response" "vip" {
        rest_api_id        = aws_api_gateway_rest_api.pets.id
        resource_id        = aws_api_gateway_resource.vip.id
        http_method        = aws_api_gateway_method.vip.http_method
        status_code        = aws_api_gateway_method_response.vip.status_code
        response_templates = { "application/json" = "{\\"vip\\": true}" }
        depends_on         = [aws_api_gateway_integration.vip]
      }

      resource "aws_api_gateway_deployment" "d" {
        rest_api_id = aws_api_gateway_rest_api.pets.id
        description = "first"
        depends_on  = [aws_api_gateway_integration_response.ok, aws_api_gateway_integration_response.vip]
        lifecycle {
          create_before_destroy = true
        }
      }
      resource "aws_api_gateway_stage" "prod" {
        rest_api_id   = aws_api_gateway_rest_api.pets.id
        deployment_id = aws_api_gateway_deployment.d.id
        stage_name    = "prod"
        variables     = { "color" = "blue" }
        description   = "production"
        tags          = { env = "prod" }
      }
      resource "aws_api_gateway_method_settings" "all" {
        rest_api_id = aws_api_gateway_rest_api.pets.id
        stage_name  = aws_api_gateway_stage.prod.stage_name
        method_path = "*/*"
        settings {
          metrics_enabled        = true
          throttling_burst_limit = 50
          throttling_rate_limit  = 100
        }
      }

      resource "aws_api_gateway_model" "pet" {
        rest_api_id  = aws_api_gateway_rest_api.pets.id
        name         = "Pet"
        content_type = "application/json"
        schema       = jsonencode({ type = "object", properties = { name = { type = "string" } } })
      }
      resource "aws_api_gateway_request_validator" "body" {
        rest_api_id           = aws_api_gateway_rest_api.pets.id
        name                  = "body"
        validate_request_body = true
      }
      resource "aws_api_gateway_gateway_response" "missing_key" {
        rest_api_id        = aws_api_gateway_rest_api.pets.id
        response_type      = "API_CONFIGURATION_ERROR"
        status_code        = "500"
        response_templates = { "application/json" = "{\\"oops\\": true}" }
      }
      resource "aws_api_gateway_authorizer" "tokens" {
        rest_api_id    = aws_api_gateway_rest_api.pets.id
        name           = "tokens"
        type           = "TOKEN"
        authorizer_uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:auth/invocations"
      }

      resource "aws_api_gateway_api_key" "k" {
        name  = "tf-key"
        value = "tf-key-value-0123456789"
      }
      resource "aws_api_gateway_usage_plan" "plan" {
        name = "tf-plan"
        api_stages {
          api_id = aws_api_gateway_rest_api.pets.id
          stage  = aws_api_gateway_stage.prod.stage_name
        }
        throttle_settings {
          burst_limit = 20
          rate_limit  = 10
        }
        quota_settings {
          limit  = 1000
          period = "DAY"
        }
      }
      resource "aws_api_gateway_usage_plan_key" "pk" {
        key_id        = aws_api_gateway_api_key.k.id
        key_type      = "API_KEY"
        usage_plan_id = aws_api_gateway_usage_plan.plan.id
      }

      output "rest_api_id" {
        value = aws_api_gateway_rest_api.pets.id
      }
      output "usage_plan_id" {
        value = aws_api_gateway_usage_plan.plan.id
      }
      output "api_key_id" {
        value = aws_api_gateway_api_key.k.id
      }
      """;

  /** An HTTP API proxying one route to the test's backend (its URL formatted in), with an auto-deployed $default stage. */
  private static final String HTTP_TF = """
      resource "aws_apigatewayv2_api" "http" {
        name          = "tf-http"
        protocol_type = "HTTP"
        cors_configuration {
          allow_origins = ["https://app.example"]
          allow_methods = ["GET"]
          max_age       = 300
        }
        tags = { team = "http" }
      }
      resource "aws_apigatewayv2_integration" "backend" {
        api_id                 = aws_apigatewayv2_api.http.id
        integration_type       = "HTTP_PROXY"
        integration_method     = "ANY"
        integration_uri        = "%s"
        payload_format_version = "1.0"
      }
      resource "aws_apigatewayv2_route" "hello" {
        api_id    = aws_apigatewayv2_api.http.id
        route_key = "GET /hello"
        target    = "integrations/${aws_apigatewayv2_integration.backend.id}"
      }
      resource "aws_apigatewayv2_authorizer" "jwt" {
        api_id           = aws_apigatewayv2_api.http.id
        name             = "jwt"
        authorizer_type  = "JWT"
        identity_sources = ["$request.header.Authorization"]
        jwt_configuration {
          audience = ["pets"]
          issuer   = "https://issuer.example"
        }
      }

      resource "aws_apigatewayv2_stage" "default" {
        api_id      = aws_apigatewayv2_api.http.id
        name        = "$default"
        auto_deploy = true
        default_route_settings {
          throttling_burst_limit = 10
          throttling_rate_limit  = 20
        }
        depends_on  = [aws_apigatewayv2_route.hello]
      }
      output "http_api_id" {
        value = aws_apigatewayv2_api.http.id
      }
      output "api_endpoint" {
        value = aws_apigatewayv2_api.http.api_endpoint
      }
      """;

  private static Path terraform;
  private static String providerVersion;
  private static TestNode node;
  private static ApiGatewayClient client;
  private static ApiGatewayV2Client v2Client;
  private static DataPlaneClient dataPlane;

  @TempDir
  Path work;

  /** Why the test cannot run here, or null: without terraform or the provider mirror it is skipped, never failed. */
  private static String missing;

  @BeforeAll
  static void start() {
    terraform = onPath("terraform").orElse(null);
    providerVersion = mirroredVersion().orElse(null);
    if (terraform == null) {
      missing = "No terraform on the PATH: install the Terraform CLI to run the Terraform test";
    } else if (providerVersion == null) {
      missing = "No hashicorp/aws provider in the filesystem mirror " + PROVIDER
          + " (set -Dapigw.test.terraform.mirror=<folder>): the Terraform test needs it offline";
    }
    if (missing != null) {
      System.out.println("TerraformTest skipped: " + missing);
    } else {
      node = TestNode.start();
      client = node.client();
      v2Client = node.v2Client();
      dataPlane = new DataPlaneClient(node.dataPlaneUri());
    }
  }

  /** Per test rather than per class, so that the runner reports the test as skipped, with the reason. */
  @BeforeEach
  void needsTerraformAndTheProvider() {
    assumeTrue(missing == null, missing);
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      client.close();
      v2Client.close();
      node.close();
    }
  }

  @Test
  void restAndHttpApisApplyServePlanWithoutChangesAndDestroy() throws IOException {
    try (TestBackend backend = TestBackend.start()) {
      // One configuration, one apply/plan/destroy: each command starts the (large) provider a few times.
      write("rest.tf", REST_TF);
      write("http.tf", HTTP_TF.formatted(backend.url("/backend/hello")));
      run(0, "init", "-input=false", "-no-color");
      run(0, "apply", "-auto-approve", "-input=false", "-no-color");
      JsonNode outputs = DataPlaneClient.json(run(0, "output", "-json", "-no-color"));
      String restApiId = outputs.path("rest_api_id").path("value").asText();
      String httpApiId = outputs.path("http_api_id").path("value").asText();

      // What the provider sent arrived as such (the plan below checks what it reads back).
      var stage = client.getStage(r -> r.restApiId(restApiId).stageName("prod"));
      assertThat(stage.variables()).containsEntry("color", "blue");
      assertThat(stage.methodSettings().get("*/*").throttlingBurstLimit()).isEqualTo(50);
      assertThat(v2Client.getApi(r -> r.apiId(httpApiId)).corsConfiguration().allowOrigins())
          .containsExactly("https://app.example");
      restApiServes(restApiId);
      httpApiServes(httpApiId, outputs.path("api_endpoint").path("value").asText());

      // Exit status 0: no changes, i.e. every answer read back exactly as the provider wrote it (2 would be drift).
      run(0, "plan", "-detailed-exitcode", "-input=false", "-no-color");
      run(0, "destroy", "-auto-approve", "-input=false", "-no-color");

      assertThatThrownBy(() -> client.getRestApi(r -> r.restApiId(restApiId))).isInstanceOf(NotFoundException.class);
      String planId = outputs.path("usage_plan_id").path("value").asText();
      assertThatThrownBy(() -> client.getUsagePlan(r -> r.usagePlanId(planId))).isInstanceOf(NotFoundException.class);
      String keyId = outputs.path("api_key_id").path("value").asText();
      assertThatThrownBy(() -> client.getApiKey(r -> r.apiKey(keyId))).isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> v2Client.getApi(r -> r.apiId(httpApiId)))
          .isInstanceOf(software.amazon.awssdk.services.apigatewayv2.model.NotFoundException.class);
    }
  }

  private void restApiServes(String apiId) {
    HttpResponse<String> items = DataPlaneClient.await(
        () -> dataPlane.call("GET", apiId, "/prod/items", null, Map.of()), r -> r.statusCode() == 200);
    assertThat(items.statusCode()).as(items::body).isEqualTo(200);
    assertThat(DataPlaneClient.json(items.body()).path("items").toString()).isEqualTo("[\"rex\",\"tom\"]");
    HttpResponse<String> vip = DataPlaneClient.await(
        () -> dataPlane.call("GET", apiId, "/prod/vip", null, Map.of("x-api-key", "tf-key-value-0123456789")),
        r -> r.statusCode() == 200);
    assertThat(vip.statusCode()).as(vip::body).isEqualTo(200);
    assertThat(vip.body()).isEqualTo("{\"vip\": true}");
    HttpResponse<String> noKey = dataPlane.call("GET", apiId, "/prod/vip", null, Map.of());
    assertThat(noKey.statusCode()).as(noKey::body).isEqualTo(403);
  }

  private void httpApiServes(String apiId, String apiEndpoint) {
    assertThat(apiEndpoint).isEqualTo("http://" + apiId + ".execute-api.localhost:" + node.dataPlanePort());
    HttpResponse<String> hello = DataPlaneClient.await(
        () -> dataPlane.call("GET", apiId, "/hello?name=tf", null, Map.of()), r -> r.statusCode() == 200);
    assertThat(hello.statusCode()).as(hello::body).isEqualTo(200);
    JsonNode echoed = DataPlaneClient.json(hello.body());
    assertThat(echoed.path("method").asText()).as(hello::body).isEqualTo("GET");
    // The backend echoes the request target as received: the integration's path with the caller's query.
    assertThat(echoed.path("path").asText()).as(hello::body).isEqualTo("/backend/hello?name=tf");
  }

  private void write(String file, String resources) throws IOException {
    Files.writeString(work.resolve("provider.tf"), """
        terraform {
          required_providers {
            aws = { source = "hashicorp/aws", version = "%s" }
          }
        }
        provider "aws" {
          region                      = "us-east-1"
          access_key                  = "test"
          secret_key                  = "test"
          skip_credentials_validation = true
          skip_requesting_account_id  = true
          skip_metadata_api_check     = true
          skip_region_validation      = true
          endpoints {
            apigateway   = "%s"
            apigatewayv2 = "%s"
          }
        }
        """.formatted(providerVersion, node.managementUri(), node.managementUri()));
    Files.writeString(work.resolve(file), resources);
    // Providers from the mirror only: nothing is fetched from the registry.
    Files.writeString(work.resolve("terraformrc"), """
        provider_installation {
          filesystem_mirror {
            path    = "%s"
            include = ["registry.terraform.io/hashicorp/*"]
          }
          direct {
            exclude = ["registry.terraform.io/hashicorp/*"]
          }
        }
        """.formatted(MIRROR));
  }

  /** Runs {@code terraform args} in the test's folder, bounded in time; its output when it exits with {@code expected}. */
  private String run(int expected, String... args) {
    List<String> command = new ArrayList<>();
    command.add(terraform.toString());
    command.addAll(List.of(args));
    try {
      Path log = Files.createTempFile(work, "terraform-" + args[0] + "-", ".log");
      ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile());
      Map<String, String> env = builder.environment();
      // Nothing from this machine's AWS or Terraform setup, and no call home (checkpoint) for version news.
      env.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("TF_"));
      env.put("TF_CLI_CONFIG_FILE", work.resolve("terraformrc").toString());
      env.put("TF_IN_AUTOMATION", "1");
      env.put("TF_INPUT", "0");
      env.put("CHECKPOINT_DISABLE", "1");
      env.put("AWS_EC2_METADATA_DISABLED", "true");
      env.put("AWS_CONFIG_FILE", work.resolve("no-aws-config").toString());
      env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-aws-credentials").toString());
      long started = System.nanoTime();
      Process process = builder.start();
      if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("terraform " + String.join(" ", args) + " did not finish within "
            + COMMAND_TIMEOUT_SECONDS + " s:\n" + Files.readString(log, StandardCharsets.UTF_8));
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      System.out.printf("terraform %s: exit %d after %d ms%n", String.join(" ", args), process.exitValue(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      assertThat(process.exitValue()).as(() -> "terraform " + String.join(" ", args) + " exit status; output:\n" + output)
          .isEqualTo(expected);
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Optional<Path> onPath(String name) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
  }

  /** The newest hashicorp/aws version in the mirror's unpacked layout that has this platform's build. */
  private static Optional<String> mirroredVersion() {
    if (!Files.isDirectory(PROVIDER)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(PROVIDER)) {
      String arch = System.getProperty("os.arch").equals("aarch64") ? "arm64" : "amd64";
      String platform = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("mac")
          ? "darwin_" + arch : "linux_" + arch;
      return versions.filter(v -> Files.isDirectory(v.resolve(platform)))
          .map(v -> v.getFileName().toString())
          .max(Comparator.comparing(TerraformTest::versionKey));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String versionKey(String version) {
    StringBuilder key = new StringBuilder();
    for (String part : version.split("\\.")) {
      key.append(String.format("%08d", part.chars().allMatch(Character::isDigit) && !part.isEmpty()
          ? Integer.parseInt(part) : 0));
    }
    return key.toString();
  }
}
