package dev.apigw.node.dataplane.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ConnectionGateTest {

  @Test
  void admitsUpToTheLimitsAndAgainAfterARelease() throws Exception {
    var gate = new ConnectionGate(3, 2);
    InetAddress a = InetAddress.getByName("10.0.0.1");
    InetAddress b = InetAddress.getByName("10.0.0.2");
    InetAddress c = InetAddress.getByName("10.0.0.3");
    var a1 = gate.admit(a);
    assertThat(gate.admit(a).lease()).isPresent();
    assertThat(gate.admit(a).refusal()).isEqualTo(ConnectionGate.Refusal.PER_CLIENT);
    assertThat(gate.admit(b).lease()).isPresent();
    assertThat(gate.admit(c).refusal()).isEqualTo(ConnectionGate.Refusal.TOTAL);
    a1.lease().orElseThrow().release();
    a1.lease().orElseThrow().release(); // twice: counted once
    assertThat(gate.open()).isEqualTo(2);
    assertThat(gate.open(a)).isEqualTo(1);
    assertThat(gate.admit(c).lease()).isPresent();
    assertThat(gate.admit(c).refusal()).isEqualTo(ConnectionGate.Refusal.TOTAL);
  }

  @Test
  void anIpv6ClientIsItsSlash64() throws Exception {
    var gate = new ConnectionGate(10, 1);
    assertThat(gate.admit(InetAddress.getByName("2001:db8:1:2::1")).lease()).isPresent();
    assertThat(gate.admit(InetAddress.getByName("2001:db8:1:2:ffff::7")).refusal())
        .isEqualTo(ConnectionGate.Refusal.PER_CLIENT);
    assertThat(gate.admit(InetAddress.getByName("2001:db8:1:3::1")).lease()).isPresent();
  }
}
