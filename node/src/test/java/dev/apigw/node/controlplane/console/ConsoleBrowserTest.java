package dev.apigw.node.controlplane.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.apigw.node.testing.CassandraExtension;
import dev.apigw.node.testing.DataPlaneClient;
import dev.apigw.node.testing.GatewayProcess;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

/**
 * The web console in a real Chromium (Debian's chromium + chromedriver) against a real gateway process: sign-in with
 * a wrong then the right secret, OpenAPI import, deploy, a stage variable, the timeline and the diff, a rollback, and
 * live metrics after traffic. Saves screenshots of the timeline, the diff and the metrics to docs/console/. Skipped,
 * saying so, where no Chromium is installed.
 */
@ExtendWith(CassandraExtension.class)
class ConsoleBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String KEY_ID = "console-e2e";
  private static final String SECRET = "console-e2e-secret-0123456789";
  private static final Path SCREENSHOTS = Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("console");

  private static final String OPENAPI = """
      {"openapi": "3.0.1", "info": {"title": "pets-console", "version": "1"},
       "paths": {"/pets": {"get": {"responses": {"200": {"description": "ok"}},
         "x-amazon-apigateway-integration": {"type": "mock",
           "requestTemplates": {"application/json": "{\\"statusCode\\": 200}"},
           "responses": {"default": {"statusCode": "200",
             "responseTemplates": {"application/json": "[{\\"id\\": 1}]"}}}}}},
         "/pets/{id}": {"get": {"parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
           "responses": {"200": {"description": "ok"}},
           "x-amazon-apigateway-integration": {"type": "mock",
             "requestTemplates": {"application/json": "{\\"statusCode\\": 200}"},
             "responses": {"default": {"statusCode": "200"}}}}}}}
      """;

  private static GatewayProcess node;
  private static WebDriver browser;
  private static WebDriverWait wait;
  private static String console;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "No Chromium here (" + CHROMIUM + ", " + CHROMEDRIVER + "): install Debian's chromium and chromium-driver"
            + " to run the console's browser test");
    createSchema();
    // Kamon ticks every second (instead of 10 s) so that the metrics page moves within the test.
    node = GatewayProcess.start(Map.of("GATEWAY_CREDENTIALS", KEY_ID + ":" + SECRET,
        "JAVA_TOOL_OPTIONS", "-Dkamon.metric.tick-interval=1s"));
    assertThat(node.awaitReady(Duration.ofSeconds(180))).as(() -> node.output()).isTrue();
    console = "http://127.0.0.1:" + node.port("GATEWAY_MANAGEMENT_PORT") + "/console/";

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,800",
        "--user-data-dir=" + Files.createTempDirectory("console-chromium"));
    var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    // The console re-renders a panel when its data arrives: an element found a moment ago can be replaced.
    wait.ignoring(StaleElementReferenceException.class);
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  void historyDiffRollbackAndMetricsInARealBrowser() throws Exception {
    browser.get(console);
    Object paint = ((JavascriptExecutor) browser).executeScript(
        "const p = performance.getEntriesByName('first-contentful-paint')[0]; return p ? p.startTime : null;");
    System.out.println("Console first contentful paint: " + paint + " ms");

    // A wrong secret: AWS's message, not signed in.
    signIn(SECRET + "x");
    WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error")));
    wait.until(d -> !error.getText().isBlank());
    assertThat(error.getText()).contains("signature").contains("403");
    assertThat(browser.findElement(By.id("nav")).isDisplayed()).isFalse();

    signIn(SECRET);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-table")));
    assertThat((String) ((JavascriptExecutor) browser).executeScript(
        "return sessionStorage.getItem('apigw-console-credentials')")).contains(KEY_ID);

    // Import an OpenAPI file.
    Path file = Files.createTempFile("pets-console", ".json");
    Files.writeString(file, OPENAPI);
    browser.findElement(By.id("import-file")).sendKeys(file.toAbsolutePath().toString());
    browser.findElement(By.id("import-button")).click();
    wait.until(ExpectedConditions.urlMatches("#/apis/rest/\\w+"));
    String apiId = browser.getCurrentUrl().replaceAll(".*#/apis/rest/", "");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("resource-tree"), "/pets/{id}"));
    assertThat(browser.findElement(By.id("resource-tree")).getText()).contains("MOCK");
    // Test a method (TestInvokeMethod): GET /pets, the first method of the tree, answers its MOCK template.
    click(By.cssSelector("details.test-method summary"));
    click(By.cssSelector("details.test-method button[type=submit]"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".test-status"), "200"));
    assertThat(browser.findElement(By.cssSelector(".test-body")).getText()).contains("\"id\": 1");

    // Deploy to a new stage, set a variable, deploy again.
    click(By.id("tab-stages"));
    wait.until(ExpectedConditions.elementToBeClickable(By.id("deploy-button"))).click();
    String first = wait.until(d -> {
      WebElement shown = d.findElement(By.id("stage-deployment-prod"));
      return shown.isDisplayed() ? shown.getText() : null;
    });
    type(By.id("var-name-prod"), "color");
    type(By.id("var-value-prod"), "blue");
    click(By.id("var-set-prod"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-stage=prod] .vars"), "blue"));
    type(By.id("deploy-description"), "second release");
    click(By.id("deploy-button"));
    wait.until(d -> {
      var shown = d.findElements(By.id("stage-deployment-prod"));
      return !shown.isEmpty() && !shown.get(0).getText().equals(first);
    });
    String second = wait.until(d -> d.findElement(By.id("stage-deployment-prod")).getText());

    // Both changes on the timeline.
    click(By.id("tab-history"));
    WebElement timeline = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("timeline")));
    assertThat(timeline.getText()).contains("created deployment " + first).contains("created deployment " + second)
        .contains("updated stage prod: replace /variables/color=blue").contains("by " + KEY_ID);
    screenshot(browser.findElement(By.id("panel-history")), "timeline.png");

    // The diff from before the stage existed to now: the variable and the imported resources.
    new Select(browser.findElement(By.id("diff-from"))).selectByIndex(0);
    click(By.id("diff-button"));
    WebElement diff = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#diff-result table")));
    assertThat(diff.getText()).contains("stage.variables.color").contains("resources./pets.GET")
        .contains("stage.deploymentId");
    // From the stage's creation to now: the variable added, the deployment changed.
    new Select(browser.findElement(By.id("diff-from"))).selectByVisibleText(
        browser.findElement(By.xpath("//select[@id='diff-from']/option[contains(., 'created stage prod')]")).getText());
    click(By.id("diff-button"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("diff-result"), "0 removed"));
    wait.until(d -> d.findElement(By.id("diff-result")).getText().contains("stage.variables.color")
        && !d.findElement(By.id("diff-result")).getText().contains("resources./pets.GET"));
    assertThat(browser.findElement(By.id("diff-result")).getText())
        .contains("changed stage.deploymentId " + first + " " + second).contains("blue");
    WebElement compare = browser.findElement(By.cssSelector("[aria-labelledby=diff-title]"));
    screenshot(compare, "diff.png");

    // Roll back to the instant of the variable change: the stage serves the first deployment again.
    WebElement variableChange = timeline.findElement(By.xpath(".//li[contains(., '/variables/color=blue')]"));
    variableChange.findElement(By.xpath(".//button[contains(., 'Roll back')]")).click();
    click(By.id("confirm-ok"));
    WebElement result = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("rollback-result")));
    assertThat(result.getText()).contains(first);
    try (ApiGatewayClient client = client()) {
      assertThat(client.getStage(r -> r.restApiId(apiId).stageName("prod")).deploymentId()).isEqualTo(first);
    }
    assertThat(browser.findElement(By.id("timeline")).getText()).contains("rolled stage prod back");

    // Traffic moves the metrics chart.
    var dataPlane = new DataPlaneClient(URI.create("http://127.0.0.1:" + node.port("GATEWAY_DATA_PORT")));
    DataPlaneClient.await(() -> dataPlane.pathStyle("GET", apiId, "prod", "/pets", null, Map.of()),
        r -> r.statusCode() == 200);
    AtomicBoolean sending = new AtomicBoolean(true);
    Thread traffic = new Thread(() -> {
      while (sending.get()) {
        dataPlane.pathStyle("GET", apiId, "prod", "/pets", null, Map.of());
        dataPlane.pathStyle("GET", apiId, "prod", "/nothing-here", null, Map.of());
        sleep(50);
      }
    });
    traffic.start();
    try {
      browser.get(console + "#/metrics");
      By series = By.cssSelector("section.series[data-api='" + apiId + "'][data-stage=prod]");
      wait.until(ExpectedConditions.presenceOfElementLocated(series));
      long before = Long.parseLong(browser.findElement(series).getAttribute("data-requests"));
      new WebDriverWait(browser, Duration.ofSeconds(25)).ignoring(StaleElementReferenceException.class).until(d -> {
        var found = d.findElements(series);
        return !found.isEmpty() && Long.parseLong(found.get(0).getAttribute("data-requests")) > before
            && Integer.parseInt(found.get(0).findElement(By.cssSelector("svg.chart")).getAttribute("data-points")) >= 6;
      });
    } finally {
      sending.set(false);
      traffic.join();
    }
    WebElement chart = browser.findElement(By.cssSelector("section.series[data-api='" + apiId + "']"));
    assertThat(chart.findElement(By.cssSelector("svg.chart")).getAttribute("aria-label")).contains("requests/s");
    screenshot(chart, "metrics.png");

    // The cluster: this node Up, the journal available, shards owned.
    browser.get(console + "#/cluster");
    WebElement health = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("journal-health")));
    assertThat(health.getText()).contains("available");
    assertThat(browser.findElement(By.tagName("main")).getText()).contains("Up").contains("RestApi");
  }

  /**
   * The journal's tables, created here with a generous timeout: a node alone on a fresh test Cassandra creates them
   * with the driver's 2 s timeout, which a loaded machine can miss (and the plugin does not try again).
   */
  private static void createSchema() throws Exception {
    String schema = Files.readString(Path.of(System.getProperty("user.dir")).resolveSibling("cluster-config")
        .resolve("cql").resolve("schema.cql")).replace("'datacenter1': 3", "'datacenter1': 1");
    String[] contact = CassandraExtension.contactPoint().split(":");
    try (CqlSession session = CqlSession.builder()
        .addContactPoint(new InetSocketAddress(contact[0], Integer.parseInt(contact[1])))
        .withLocalDatacenter("datacenter1").build()) {
      for (String statement : schema.replaceAll("(?m)^--.*$", "").split(";")) {
        if (!statement.isBlank()) {
          session.execute(SimpleStatement.newInstance(statement.trim()).setTimeout(Duration.ofSeconds(60)));
        }
      }
    }
  }

  private static void signIn(String secret) {
    type(By.id("access-key"), KEY_ID);
    type(By.id("secret-key"), secret);
    click(By.id("sign-in-button"));
  }

  private static void type(By field, String text) {
    WebElement input = wait.until(ExpectedConditions.elementToBeClickable(field));
    input.clear();
    input.sendKeys(text);
  }

  private static void click(By target) {
    wait.until(ExpectedConditions.elementToBeClickable(target)).click();
  }

  private static void screenshot(WebElement element, String name) throws Exception {
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'start'})", element);
    File shot = element.getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static ApiGatewayClient client() {
    return ApiGatewayClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + node.port("GATEWAY_MANAGEMENT_PORT")))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)))
        .httpClient(ApacheHttpClient.create())
        .build();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
