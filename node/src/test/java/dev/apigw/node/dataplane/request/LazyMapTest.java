package dev.apigw.node.dataplane.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyMapTest {
  @Test
  void computesOnFirstReadOnlyAndThenReadsLikeTheMap() {
    AtomicInteger computed = new AtomicInteger();
    Map<String, Object> lazy = new LazyMap<>(() -> {
      computed.incrementAndGet();
      Map<String, Object> m = new HashMap<>();
      m.put("requestId", "r-1");
      m.put("apiKey", null);
      return m;
    });
    assertThat(computed).hasValue(0);
    assertThat(lazy.get("requestId")).isEqualTo("r-1");
    assertThat(lazy).containsKey("apiKey").hasSize(2);
    assertThat(new HashMap<>(lazy)).containsEntry("requestId", "r-1");
    assertThat(computed).hasValue(1);
  }
}
