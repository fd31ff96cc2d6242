package dev.apigw.node.dataplane.snapshot;

import dev.apigw.persistence.keys.UsagePlanEntity;
import dev.apigw.protocol.keys.ApiKey;
import dev.apigw.protocol.keys.ApiStage;
import dev.apigw.protocol.keys.UsagePlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The API keys and usage plans this node enforces, swapped atomically like {@link DataPlaneSnapshot}:
 * the request path looks a key up by its value and finds the plan that admits it on a stage
 * without asking an actor.
 */
public final class KeySnapshot {
  /** A key admitted on a stage through one plan. */
  public record Admitted(ApiKey key, UsagePlan plan, ApiStage apiStage) {}

  /** Immutable state: the fetched entities and the indexes derived from them. */
  private record State(
      Map<String, ApiKey> keys,
      Map<String, UsagePlanEntity.Active> plans,
      Map<String, ApiKey> keysByValue,
      Map<String, List<PlanOnStage>> plansByStage) {
    static final State EMPTY = new State(Map.of(), Map.of(), Map.of(), Map.of());

    State withKeys(Map<String, ApiKey> keys) {
      Map<String, ApiKey> byValue = new HashMap<>();
      keys.values().forEach(k -> byValue.put(k.value(), k));
      return new State(Map.copyOf(keys), plans, Map.copyOf(byValue), plansByStage);
    }

    State withPlans(Map<String, UsagePlanEntity.Active> plans) {
      Map<String, List<PlanOnStage>> byStage = new HashMap<>();
      plans.values().forEach(p -> p.plan().apiStages().forEach(s ->
          byStage.computeIfAbsent(stageKey(s.apiId(), s.stage()), k -> new ArrayList<>())
              .add(new PlanOnStage(p.plan(), s, java.util.Set.copyOf(p.keyIds())))));
      Map<String, List<PlanOnStage>> frozen = new HashMap<>();
      byStage.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
      return new State(keys, Map.copyOf(plans), keysByValue, Map.copyOf(frozen));
    }
  }

  private record PlanOnStage(UsagePlan plan, ApiStage apiStage, java.util.Set<String> keyIds) {}

  private final AtomicReference<State> state = new AtomicReference<>(State.EMPTY);

  /** The key with this value, enabled or not, or null. */
  public ApiKey keyByValue(String value) {
    return value == null ? null : state.get().keysByValue().get(value);
  }

  /**
   * The plan through which {@code key} may call {@code apiId}'s {@code stage}, or null when no
   * plan on that stage holds the key. AWS lets a key be in one plan per stage at most; should two
   * plans hold it anyway, the first by plan id wins (deterministic on every node).
   */
  public Admitted admit(ApiKey key, String apiId, String stage) {
    List<PlanOnStage> plans = state.get().plansByStage().get(stageKey(apiId, stage));
    if (plans == null) {
      return null;
    }
    PlanOnStage chosen = null;
    for (PlanOnStage p : plans) {
      if (p.keyIds().contains(key.id()) && (chosen == null || p.plan().id().compareTo(chosen.plan().id()) < 0)) {
        chosen = p;
      }
    }
    return chosen == null ? null : new Admitted(key, chosen.plan(), chosen.apiStage());
  }

  void putKey(String id, ApiKey key) {
    state.updateAndGet(s -> {
      Map<String, ApiKey> next = new HashMap<>(s.keys());
      next.put(id, key);
      return s.withKeys(next);
    });
  }

  void removeKey(String id) {
    state.updateAndGet(s -> {
      Map<String, ApiKey> next = new HashMap<>(s.keys());
      next.remove(id);
      return s.withKeys(next);
    });
  }

  void putPlan(String id, UsagePlanEntity.Active plan) {
    state.updateAndGet(s -> {
      Map<String, UsagePlanEntity.Active> next = new HashMap<>(s.plans());
      next.put(id, plan);
      return s.withPlans(next);
    });
  }

  void removePlan(String id) {
    state.updateAndGet(s -> {
      Map<String, UsagePlanEntity.Active> next = new HashMap<>(s.plans());
      next.remove(id);
      return s.withPlans(next);
    });
  }

  private static String stageKey(String apiId, String stage) {
    return apiId + "/" + stage;
  }
}
