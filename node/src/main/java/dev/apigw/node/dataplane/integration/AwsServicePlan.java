package dev.apigw.node.dataplane.integration;

import dev.apigw.node.awsservice.AwsProtocols;
import dev.apigw.node.dataplane.integration.aws.AwsServiceClient;
import dev.apigw.node.dataplane.integration.aws.AwsServiceRequest;
import dev.apigw.node.awsservice.AwsServiceUri;
import dev.apigw.node.dataplane.mapping.TemplateSettings;
import dev.apigw.node.dataplane.request.Invocation;
import dev.apigw.protocol.restapi.Integration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * {@code AWS} (non-proxy) to any AWS service but Lambda, as API Gateway sends it: the integration uri names the service
 * and either an action ({@code action/SendMessage}: the service's protocol adds {@code X-Amz-Target} and its JSON
 * content type, or {@code Action} and {@code Version}) or a path ({@code path/{bucket}/{key}}, placeholders filled from
 * the mapped path parameters); mapped headers and query string go along, the request template's output is the body
 * (raw bytes when passed through, so binary S3 objects arrive intact). The service's status code selects the
 * integration response. Signed with the gateway's identity, or with the integration's {@code credentials} role.
 */
final class AwsServicePlan implements IntegrationPlan {
  private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z0-9._\\-]+)(\\+?)}");
  private static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";

  private final AwsServiceClient client;
  private final String uriTemplate;
  private final AwsServiceUri fixedUri;
  private final PathParameters pathParameters;
  private final String httpMethod;
  private final String roleArn;
  private final Duration timeout;
  private final RequestMapping request;
  private final ResponseMapping response;
  private final Executor renders;

  AwsServicePlan(AwsServiceClient client, Integration integration, Duration timeout, TemplateSettings templates,
      Executor renders) {
    this.client = client;
    this.uriTemplate = integration.uri();
    // Stage variables may name the region, the bucket or the action: then the uri is read per request.
    this.fixedUri = uriTemplate.contains("${") ? null : AwsServiceUri.parse(uriTemplate);
    this.pathParameters = new PathParameters(integration.requestParameters());
    this.httpMethod = integration.httpMethod();
    this.roleArn = integration.credentials() == null || integration.credentials().isBlank() ? null : integration.credentials();
    this.timeout = timeout;
    this.request = new RequestMapping(integration, templates);
    this.response = new ResponseMapping(integration, templates);
    this.renders = renders;
  }

  @Override
  public CompletionStage<HttpResponse> invoke(Invocation inv) {
    // Both templates render on the template threads; the service is called from there.
    return CompletableFuture.supplyAsync(() -> request(inv), renders).thenCompose(outgoing -> call(inv, outgoing));
  }

  private AwsServiceRequest request(Invocation inv) {
    try {
      return outgoing(inv, request.apply(inv));
    } catch (UriTemplate.DotSegmentException e) {
      throw PathParameters.refused();
    } catch (RuntimeException e) {
      throw AwsServiceFailures.map(e, uriTemplate);
    }
  }

  private CompletionStage<HttpResponse> call(Invocation inv, AwsServiceRequest outgoing) {
    return client.call(outgoing).handleAsync((r, failure) -> {
      if (failure != null) {
        throw AwsServiceFailures.map(failure, outgoing.service());
      }
      return response.respond(inv, Integer.toString(r.status()), r.status(), r.headers(), r.body(), r.contentType());
    }, renders);
  }

  private AwsServiceRequest outgoing(Invocation inv, RequestMapping.Mapped mapped) {
    AwsServiceUri uri = fixedUri != null ? fixedUri
        : AwsServiceUri.parse(new UriTemplate(uriTemplate).fill(Map.of(), inv.stageVariables()));
    Map<String, List<String>> query = new LinkedHashMap<>(mapped.parameters().querystring());
    mapped.overrides().requestQuerystring().forEach((k, v) -> query.put(k, List.of(v)));
    Map<String, String> headers = new LinkedHashMap<>();
    mapped.parameters().headers().forEach((name, values) -> values.forEach(v -> {
      HeaderValues.requireNoControl(name, v);
      headers.put(name, v);
    }));
    mapped.overrides().requestHeaders().forEach((name, v) -> {
      HeaderValues.requireNoControl(name, v);
      headers.keySet().removeIf(h -> h.equalsIgnoreCase(name));
      headers.put(name, v);
    });
    // The mapped Content-Type (AWS's SQS example maps 'application/x-www-form-urlencoded') is the body's type.
    String mappedType = remove(headers, "Content-Type");
    headers.keySet().removeIf(h -> ProxyHeaders.dropped(h.toLowerCase(Locale.ROOT)) || h.equalsIgnoreCase("Authorization"));
    String verb = "ANY".equals(httpMethod) || httpMethod == null ? inv.request().httpMethod() : httpMethod;
    byte[] body = mapped.body() == null ? new byte[0] : mapped.body();
    String service = uri.service();
    String path;
    String contentType;
    if (uri.action() != null) {
      path = "/";
      AwsProtocols.Protocol protocol = AwsProtocols.of(service);
      if (service.equals("sqs") && mappedType != null && mappedType.startsWith("application/x-amz-json")) {
        protocol = AwsProtocols.SQS_JSON;
      }
      if (protocol instanceof AwsProtocols.AwsJson json) {
        headers.putIfAbsent("X-Amz-Target", json.targetPrefix() + "." + uri.action());
        contentType = mappedType != null ? mappedType : json.contentType();
        if (body.length == 0) {
          body = "{}".getBytes(StandardCharsets.UTF_8);
        }
      } else if (protocol instanceof AwsProtocols.Query q) {
        query.putIfAbsent("Action", List.of(uri.action()));
        query.putIfAbsent("Version", List.of(q.version()));
        contentType = mappedType != null ? mappedType : body.length == 0 ? null : FORM;
        if (body.length == 0 && "POST".equals(verb)) {
          // A POST without a body carries its parameters as a form, as the SDKs send query actions.
          body = QueryStrings.of(query).getBytes(StandardCharsets.UTF_8);
          query.clear();
          contentType = mappedType != null ? mappedType : FORM;
        }
      } else {
        throw new IllegalArgumentException("action-style integrations of " + service + " (expected: one of "
            + AwsProtocols.services() + ", or a path-style uri)");
      }
      if (service.equals("states") && uri.action().equals("StartSyncExecution")) {
        service = "sync-states";
      }
    } else {
      Map<String, String> params = new HashMap<>(inv.request().pathParameters());
      params.putAll(mapped.parameters().path());
      params.putAll(mapped.overrides().requestPath());
      path = "/" + fillPath(uri.path(), params, pathParameters.multiSegment(inv.resource()));
      contentType = mappedType != null ? mappedType : body.length == 0 ? null : mapped.contentType();
    }
    List<Map.Entry<String, String>> queryList = new ArrayList<>();
    query.forEach((k, values) -> values.forEach(v -> queryList.add(Map.entry(k, v))));
    List<Map.Entry<String, String>> headerList = new ArrayList<>(headers.entrySet());
    return new AwsServiceRequest(service, uri.region(), uri.subdomain(), verb, path, queryList, headerList, contentType,
        body, roleArn, timeout);
  }

  /** The path with each {@code {param}} percent-encoded (one segment unless it may span several). */
  private static String fillPath(String template, Map<String, String> params, java.util.Set<String> multiSegment) {
    Matcher m = PARAM.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = params.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? ""
          : UriTemplate.encode(m.group(1), value, multiSegment.contains(m.group(1)) || !m.group(2).isEmpty())));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String remove(Map<String, String> headers, String name) {
    String found = null;
    for (var it = headers.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (e.getKey().equalsIgnoreCase(name)) {
        found = e.getValue();
        it.remove();
      }
    }
    return found;
  }
}
