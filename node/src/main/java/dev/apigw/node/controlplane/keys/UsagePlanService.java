package dev.apigw.node.controlplane.keys;

import dev.apigw.node.controlplane.common.Futures;
import dev.apigw.node.controlplane.common.Paging;
import dev.apigw.node.controlplane.common.PatchOperation;
import dev.apigw.node.controlplane.restapi.RestApiService;
import dev.apigw.node.http.AwsErrors;
import dev.apigw.persistence.directory.AccountDirectory;
import dev.apigw.persistence.keys.UsageCounter;
import dev.apigw.persistence.keys.UsagePlanEntity;
import dev.apigw.protocol.Ids;
import dev.apigw.protocol.errors.BadRequestException;
import dev.apigw.protocol.errors.ConflictException;
import dev.apigw.protocol.errors.NotFoundException;
import dev.apigw.protocol.keys.ApiKey;
import dev.apigw.protocol.keys.ApiStage;
import dev.apigw.protocol.keys.QuotaSettings;
import dev.apigw.protocol.keys.UsagePlan;
import dev.apigw.protocol.tags.TagChange;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.pekko.Done;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * The usage plan, usage plan key and usage operations of the management API.
 *
 * <p>Rules that span entities are checked here: an API stage's API must exist, and one key may
 * not be in two plans that share an API stage (AWS's rule). The second check reads the other
 * plans and then writes, so two concurrent requests on different plans could both pass it; a
 * single writer per account would close that window and is left for when it matters.
 *
 * <p>Stages do not exist in this gateway yet: an API stage's API id is checked, its stage name
 * is taken as given.
 */
public final class UsagePlanService {
  private static final Pattern PLAN_ID = Pattern.compile("[a-z0-9]{10}");

  private final ClusterSharding sharding;
  private final Duration askTimeout;
  private final String accountId;
  private final ApiKeyService keys;
  private final RestApiService apis;
  private final Function<String, CompletionStage<?>> webSocketApis;
  private final Clock clock;

  /** @param webSocketApis looks a WebSocket API up (AWS's NotFoundException when there is none): plans may name its stages */
  public UsagePlanService(
      ClusterSharding sharding, Duration askTimeout, String accountId, ApiKeyService keys, RestApiService apis,
      Function<String, CompletionStage<?>> webSocketApis, Clock clock) {
    this.clock = clock;
    this.webSocketApis = webSocketApis;
    this.sharding = sharding;
    this.askTimeout = askTimeout;
    this.accountId = accountId;
    this.keys = keys;
    this.apis = apis;
  }

  /** Checks the stages' APIs, registers the id, then creates the plan. */
  public CompletionStage<UsagePlan> create(CreateUsagePlanRequest request) {
    String id = Ids.newId();
    UsagePlan plan = request.plan();
    UsagePlan withId =
        new UsagePlan(id, plan.name(), plan.description(), plan.apiStages(), plan.throttle(), plan.quota(),
            plan.productCode(), plan.tags());
    return requireApis(withId.apiStages())
        .thenCompose(done -> directory().<Done>askWithStatus(r -> new AccountDirectory.Register(id, r), askTimeout))
        .thenCompose(done -> plan(id).askWithStatus(r -> new UsagePlanEntity.Create(withId, r), askTimeout));
  }

  /** The plan, or AWS's {@link NotFoundException}. */
  public CompletionStage<UsagePlan> get(String planId) {
    return active(planId).thenApply(UsagePlanEntity.Active::plan);
  }

  /** A page of plans in creation order; with {@code keyId}, only the plans that hold that key. */
  public CompletionStage<Paging.Page<UsagePlan>> list(String position, int limit, String keyId) {
    if (keyId != null) {
      return allActive()
          .thenApply(
              plans ->
                  Paging.page(
                      plans.stream().filter(p -> p.keyIds().contains(keyId)).map(UsagePlanEntity.Active::plan).toList(),
                      UsagePlan::id,
                      position,
                      limit));
    }
    return directory()
        .<AccountDirectory.Page>askWithStatus(r -> new AccountDirectory.ListIds(position, limit, r), askTimeout)
        .thenCompose(page -> Futures.present(page.ids(), this::get).thenApply(plans -> new Paging.Page<>(plans, page.next())));
  }

  /** Applies the patch, re-checks the plan and the stages it adds, then writes it (compare-and-set). */
  public CompletionStage<UsagePlan> update(String planId, List<PatchOperation> ops) {
    return active(planId)
        .thenCompose(
            current -> {
              UsagePlan updated = UsagePlanRules.check(UsagePlanPatch.apply(current.plan(), ops));
              Set<String> before = stageKeys(current.plan().apiStages());
              List<ApiStage> added = updated.apiStages().stream().filter(s -> !before.contains(s.key())).toList();
              return requireApis(added)
                  .thenCompose(done -> requireNoSharedStage(planId, added, current.keyIds()))
                  .thenCompose(
                      done -> plan(planId).<UsagePlan>askWithStatus(r -> new UsagePlanEntity.Update(current.plan(), updated, r), askTimeout));
            });
  }

  /** Deletes the plan (AWS's rule: only once its API stages are removed), then drops its id. */
  public CompletionStage<Done> delete(String planId) {
    return active(planId)
        .thenCompose(p -> plan(planId).<Done>askWithStatus(r -> new UsagePlanEntity.Delete(clock.instant(), r), askTimeout))
        .thenCompose(done -> directory().askWithStatus(r -> new AccountDirectory.Unregister(planId, r), askTimeout));
  }

  /** Adds an existing API key to the plan; the key and its value are returned as a usage plan key. */
  public CompletionStage<ApiKey> addKey(String planId, String keyId, String keyType) {
    if (keyId == null) {
      return Futures.failed(new BadRequestException("keyId is required"));
    }
    if (!"API_KEY".equals(keyType)) {
      return Futures.failed(new BadRequestException("Invalid keyType: " + keyType + " (expected: API_KEY)"));
    }
    return active(planId)
        .thenCompose(
            current ->
                keys.get(keyId)
                    .thenCompose(key -> requireNoSharedStage(planId, current.plan().apiStages(), List.of(keyId)).thenApply(d -> key)))
        .thenCompose(
            key -> plan(planId).<Done>askWithStatus(r -> new UsagePlanEntity.AddKey(keyId, r), askTimeout).thenApply(d -> key));
  }

  /** One key of the plan. */
  public CompletionStage<ApiKey> getKey(String planId, String keyId) {
    return active(planId)
        .thenCompose(
            current ->
                current.keyIds().contains(keyId)
                    ? keys.get(keyId)
                    : Futures.failed(new NotFoundException(UsagePlanEntity.KEY_NOT_FOUND)));
  }

  /** A page of the plan's keys in the order they were added, optionally by name prefix. */
  public CompletionStage<Paging.Page<ApiKey>> listKeys(String planId, String position, int limit, String nameQuery) {
    return active(planId)
        .thenCompose(
            current -> {
              Paging.Page<String> ids = Paging.page(current.keyIds(), id -> id, position, limit);
              return Futures.present(ids.items(), keys::get)
                  .thenApply(
                      found ->
                          new Paging.Page<>(
                              found.stream()
                                  .filter(k -> nameQuery == null || (k.name() != null && k.name().startsWith(nameQuery)))
                                  .toList(),
                              ids.position()));
            });
  }

  /** Removes a key from the plan. */
  public CompletionStage<Done> removeKey(String planId, String keyId) {
    return active(planId)
        .thenCompose(p -> plan(planId).askWithStatus(r -> new UsagePlanEntity.RemoveKey(keyId, r), askTimeout));
  }

  /**
   * The plan's usage per key and day, read from each key's {@link UsageCounter}: {@code [used,
   * remaining]} where remaining is the plan's quota left at the end of that day ({@code 0} for a
   * plan without a quota). Pages over the plan's keys as before.
   */
  public CompletionStage<Usage> usage(String planId, UsageQuery query, String keyId, String position, int limit) {
    return active(planId)
        .thenCompose(
            current -> {
              List<String> ids = keyId == null ? current.keyIds() : current.keyIds().stream().filter(keyId::equals).toList();
              Paging.Page<String> page = Paging.page(ids, id -> id, position, limit);
              QuotaSettings quota = current.plan().quota();
              return Futures.all(
                      page.items().stream()
                          .map(
                              id ->
                                  counter(planId, id)
                                      .<UsageCounter.UsageReport>askWithStatus(
                                          r -> new UsageCounter.GetUsage(query.startDate(), query.endDate(), quota, r), askTimeout))
                          .toList())
                  .thenApply(
                      reports -> {
                        Map<String, List<long[]>> items = new LinkedHashMap<>();
                        for (int i = 0; i < reports.size(); i++) {
                          items.put(page.items().get(i), pairs(reports.get(i)));
                        }
                        return new Usage(planId, query, items, page.position());
                      });
            });
  }

  /**
   * AWS's UpdateUsage: {@code replace /remaining} sets the key's remaining quota of the current
   * period. Answers the key's usage from the period's first day to today.
   */
  public CompletionStage<Usage> updateUsage(String planId, String keyId, List<PatchOperation> ops) {
    return active(planId)
        .thenCompose(
            current -> {
              if (!current.keyIds().contains(keyId)) {
                return Futures.failed(new NotFoundException(UsagePlanEntity.KEY_NOT_FOUND));
              }
              long remaining = UsagePatch.remaining(ops);
              QuotaSettings quota = current.plan().quota();
              if (quota == null) {
                return Futures.failed(
                    new BadRequestException("Usage plan " + planId + " has no quota: there is no remaining quota to update"));
              }
              return counter(planId, keyId)
                  .<UsageCounter.UsageReport>askWithStatus(
                      r -> new UsageCounter.SetRemaining(remaining, quota, clock.instant(), r), askTimeout)
                  .thenApply(
                      report ->
                          new Usage(
                              planId,
                              new UsageQuery(report.days().get(0).day(), report.days().get(report.days().size() - 1).day()),
                              Map.of(keyId, pairs(report)),
                              null));
            });
  }

  private static List<long[]> pairs(UsageCounter.UsageReport report) {
    return report.days().stream().map(d -> new long[] {d.used(), d.remaining()}).toList();
  }

  private EntityRef<UsageCounter.Command> counter(String planId, String keyId) {
    return sharding.entityRefFor(UsageCounter.ENTITY_KEY, UsageCounter.entityId(planId, keyId));
  }

  /** The plan's tags. */
  public CompletionStage<Map<String, String>> tags(String planId) {
    return get(planId).thenApply(UsagePlan::tags);
  }

  /** TagResource, UntagResource: the plan's entity applies {@code change} to its current tags. */
  public CompletionStage<Done> retag(String planId, TagChange change) {
    if (!PLAN_ID.matcher(planId).matches()) {
      return Futures.failed(new NotFoundException(UsagePlanEntity.NOT_FOUND));
    }
    return plan(planId).askWithStatus(r -> new UsagePlanEntity.Retag(change, r), askTimeout);
  }

  private CompletionStage<UsagePlanEntity.Active> active(String planId) {
    if (!PLAN_ID.matcher(planId).matches()) {
      return Futures.failed(new NotFoundException(UsagePlanEntity.NOT_FOUND));
    }
    return plan(planId).askWithStatus(UsagePlanEntity.Get::new, askTimeout);
  }

  private CompletionStage<List<UsagePlanEntity.Active>> allActive() {
    return directory()
        .<AccountDirectory.Page>askWithStatus(AccountDirectory.ListAll::new, askTimeout)
        .thenCompose(page -> Futures.present(page.ids(), this::active));
  }

  private CompletionStage<Done> requireApis(List<ApiStage> stages) {
    Set<String> apiIds = stages.stream().map(ApiStage::apiId).collect(Collectors.toCollection(TreeSet::new));
    // A plan's stages may be REST or WebSocket API stages (WebSocket APIs take API keys on $connect).
    return Futures.all(apiIds.stream().map(id -> apis.get(id).<Object>thenApply(a -> a).exceptionallyCompose(e ->
            AwsErrors.unwrap(e) instanceof NotFoundException ? webSocketApis.apply(id).thenApply(a -> a)
                : CompletableFuture.failedFuture(e))).toList())
        .thenApply(found -> Done.getInstance());
  }

  /** AWS's rule: a key may not be in two plans that share an API stage. */
  private CompletionStage<Done> requireNoSharedStage(String planId, List<ApiStage> stages, Collection<String> keyIds) {
    if (stages.isEmpty() || keyIds.isEmpty()) {
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    Set<String> wanted = stageKeys(stages);
    return allActive()
        .thenApply(
            plans -> {
              for (UsagePlanEntity.Active other : plans) {
                if (other.plan().id().equals(planId)) {
                  continue;
                }
                for (String keyId : keyIds) {
                  if (!other.keyIds().contains(keyId)) {
                    continue;
                  }
                  for (ApiStage stage : other.plan().apiStages()) {
                    if (wanted.contains(stage.key())) {
                      throw new ConflictException(
                          "API Key " + keyId + " cannot reference multiple Usage Plans with the same API Stage: "
                              + stage.key() + " (already in Usage Plan " + other.plan().id() + ")");
                    }
                  }
                }
              }
              return Done.getInstance();
            });
  }

  private static Set<String> stageKeys(List<ApiStage> stages) {
    return stages.stream().map(ApiStage::key).collect(Collectors.toSet());
  }

  private EntityRef<UsagePlanEntity.Command> plan(String planId) {
    return sharding.entityRefFor(UsagePlanEntity.ENTITY_KEY, planId);
  }

  private EntityRef<AccountDirectory.Command> directory() {
    return sharding.entityRefFor(
        AccountDirectory.ENTITY_KEY, AccountDirectory.entityId(AccountDirectory.Kind.USAGE_PLANS, accountId));
  }
}
