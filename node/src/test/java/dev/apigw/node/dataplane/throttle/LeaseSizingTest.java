package dev.apigw.node.dataplane.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LeaseSizingTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void aLeaseCoversTheNodesDemandForOneLeaseDurationWhenTokensArePlentiful() {
    assertThat(LeaseSizer.size(5000, 1000, 3000, LeaseSizer.wanted(1000, 1.0, 0))).isEqualTo(1000);
    assertThat(LeaseSizer.size(5000, 1000, 3000, LeaseSizer.wanted(1000, 0.5, 0))).isEqualTo(500);
  }

  @Test
  void aLeaseIsAtMostTheNodesShareOfWhatIsAvailable() {
    // three equal nodes, 30 tokens: 10 each, however much each would like
    assertThat(LeaseSizer.size(30, 1000, 3000, 1000)).isEqualTo(10);
    // a node with 90% of the traffic gets 90% of what is there
    assertThat(LeaseSizer.size(100, 900, 1000, 900)).isEqualTo(90);
  }

  @Test
  void aLeaseIsAtLeastOneTokenAndNeverMoreThanAvailable() {
    assertThat(LeaseSizer.size(2, 1, 1000, 1)).as("scarce: a small share still gets one").isEqualTo(1);
    assertThat(LeaseSizer.size(3, 0, 0, 0)).as("no demand known").isEqualTo(1);
    assertThat(LeaseSizer.size(3, 5000, 5000, 5000)).isEqualTo(3);
    assertThat(LeaseSizer.size(0, 5000, 5000, 5000)).isZero();
  }

  @Test
  void aNodeWantsAtLeastOneTokenPerWaitingRequest() {
    assertThat(LeaseSizer.wanted(2.5, 1.0, 0)).isEqualTo(3);
    assertThat(LeaseSizer.wanted(2.5, 1.0, 40)).as("a burst after a quiet spell").isEqualTo(40);
  }

  @Test
  void aRefusedNodeComesBackWhenItsShareIsAWholeToken() {
    assertThat(LeaseSizer.tokensForOne(100, 100, 50)).isEqualTo(1);
    assertThat(LeaseSizer.tokensForOne(100, 300, 50)).isEqualTo(3);
    assertThat(LeaseSizer.tokensForOne(1, 1000, 50)).as("never more than the bucket holds").isEqualTo(50);
    assertThat(LeaseSizer.tokensForOne(0, 0, 0)).isEqualTo(1);
  }

  @Test
  void demandFollowsTheOfferedRate() {
    long tau = SECOND;
    var rate = DemandRate.first(1, 300, 3, tau, 0);
    assertThat(rate.perSecond()).as("a new node starts at its equal share of the rate").isEqualTo(100);
    for (int i = 1; i <= 100; i++) {
      rate = rate.observe(50, tau, i * SECOND / 10); // 50 requests every 100 ms: 500/s
    }
    assertThat(rate.perSecond()).isCloseTo(500, within(1.0));
    rate = rate.observe(0, tau, rate.atNanos() + 5 * SECOND);
    assertThat(rate.perSecond()).as("silence decays it").isLessThan(5);
  }
}
