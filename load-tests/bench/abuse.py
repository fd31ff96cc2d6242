#!/usr/bin/env python3
"""Attackers and a well-behaved client for abuse.sh (connection flood, slow headers, template bomb); stdlib only.

  abuse.py client HOST_HEADER PORT SECONDS INTERVAL_MS  -> prints "ok=N fail=N p50_ms=X p99_ms=Y max_ms=Z"
  abuse.py flood  PORT SECONDS CONNS FROM_ADDRESS REOPEN_PER_S
                                                         -> holds up to CONNS idle connections, reopening closed ones
  abuse.py slow   PORT SECONDS CONNS FROM_ADDRESS REOPEN_PER_S BYTE_EVERY_S HOST_HEADER
                                                         -> CONNS connections trickling a request head a byte at a time
  abuse.py bomb   PORT SECONDS CONNS HOST_HEADER PATH    -> CONNS keep-alive connections requesting PATH (an API whose
                                                            template runs until the render budget stops it) back to back
REOPEN_PER_S caps how many connections an attacker opens per second once it holds CONNS (0: no cap, as fast as the
machine goes: a connection-rate flood). Every run ends after SECONDS; attackers print how many connections they
opened and how many the server closed.
"""
import selectors
import socket
import sys
import time


def client(host, port, seconds, interval_ms):
    """A new connection per request (the kind a flood blocks), GET /bench/t, 2 s timeout each."""
    ok, fail, latencies = 0, 0, []
    request = f"GET /bench/t HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        start = time.monotonic()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
                s.settimeout(2)
                s.sendall(request)
                data = b""
                while True:
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                if data.startswith(b"HTTP/1.1 200"):
                    ok += 1
                else:
                    fail += 1
        except OSError:
            fail += 1
        elapsed = time.monotonic() - start
        latencies.append(elapsed * 1000)
        time.sleep(max(0.0, interval_ms / 1000 - elapsed))
    latencies.sort()
    def pct(p):
        return latencies[min(len(latencies) - 1, int(len(latencies) * p))] if latencies else float("nan")
    print(f"ok={ok} fail={fail} p50_ms={pct(0.50):.1f} p99_ms={pct(0.99):.1f} max_ms={latencies[-1] if latencies else 0:.1f}")


def _open(port, source):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setblocking(False)
    s.bind((source, 0))
    try:
        s.connect(("127.0.0.1", port))
    except BlockingIOError:
        pass
    return s


class Reopen:
    """At most RATE openings a second after the first CONNS (a token bucket of one second's worth); 0: no cap."""

    def __init__(self, conns, rate):
        self.free, self.rate, self.tokens, self.at = conns, rate, float(rate), time.monotonic()

    def may_open(self):
        if self.free > 0:
            self.free -= 1
            return True
        if self.rate <= 0:
            return True
        now = time.monotonic()
        self.tokens = min(float(self.rate), self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


def flood(port, seconds, conns, source, rate):
    """Opens idle connections up to CONNS and reopens every one the server closes."""
    sel = selectors.DefaultSelector()
    opened = closed = 0
    reopen = Reopen(conns, rate)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        while len(sel.get_map()) < conns and time.monotonic() < end and reopen.may_open():
            try:
                s = _open(port, source)
            except OSError:
                time.sleep(0.01)
                break
            sel.register(s, selectors.EVENT_READ)
            opened += 1
        for key, _ in sel.select(timeout=0.05):
            s = key.fileobj
            try:
                data = s.recv(4096)
            except OSError:
                data = b""
            if not data:
                sel.unregister(s)
                s.close()
                closed += 1
        time.sleep(0.01)  # reopen at up to ~100 rounds a second
    for key in list(sel.get_map().values()):
        key.fileobj.close()
    print(f"flood: opened={opened} closed_by_server={closed}")


def slow(port, seconds, conns, source, rate, every, host):
    """Each connection trickles one byte of a request head every EVERY seconds; reopens closed ones."""
    head = f"GET /bench/t HTTP/1.1\r\nHost: {host}\r\nUser-Agent: slowloris\r\nX-a: {'b' * 200}\r\n".encode()
    sel = selectors.DefaultSelector()
    state = {}  # socket -> (next byte index, next send time)
    opened = closed = 0
    reopen = Reopen(conns, rate)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        while len(state) < conns and reopen.may_open():
            try:
                s = _open(port, source)
            except OSError:
                break
            sel.register(s, selectors.EVENT_READ)
            state[s] = (0, time.monotonic() + 0.2)
            opened += 1
        now = time.monotonic()
        for s, (i, due) in list(state.items()):
            if now >= due:
                try:
                    s.send(head[i % len(head):i % len(head) + 1])
                    state[s] = (i + 1, now + every)
                except OSError:
                    pass
        for key, _ in sel.select(timeout=0.05):
            s = key.fileobj
            try:
                data = s.recv(4096)
            except OSError:
                data = b""
            if not data:
                sel.unregister(s)
                state.pop(s, None)
                s.close()
                closed += 1
        time.sleep(0.01)
    for s in state:
        s.close()
    print(f"slow: opened={opened} closed_by_server={closed}")


def bomb(port, seconds, conns, host, path):
    """CONNS threads, each sending PATH back to back on its own keep-alive connection; counts answers by status."""
    import threading
    counts, lock = {}, threading.Lock()
    request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
    end = time.monotonic() + seconds

    def one():
        s = None
        while time.monotonic() < end:
            try:
                if s is None:
                    s = socket.create_connection(("127.0.0.1", port), timeout=5)
                s.sendall(request)
                head = b""
                while b"\r\n\r\n" not in head:
                    chunk = s.recv(65536)
                    if not chunk:
                        raise OSError("closed")
                    head += chunk
                status = head[9:12].decode()
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":")[1])
                body = head.split(b"\r\n\r\n", 1)[1]
                while len(body) < length:
                    chunk = s.recv(65536)
                    if not chunk:
                        raise OSError("closed")
                    body += chunk
            except OSError:
                status = "err"
                if s is not None:
                    s.close()
                s = None
            with lock:
                counts[status] = counts.get(status, 0) + 1
        if s is not None:
            s.close()

    threads = [threading.Thread(target=one) for _ in range(conns)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("bomb: " + " ".join(f"{k}={v}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "client":
        client(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]))
    elif mode == "flood":
        flood(int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5], float(sys.argv[6]))
    elif mode == "slow":
        slow(int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5], float(sys.argv[6]), float(sys.argv[7]),
             sys.argv[8])
    elif mode == "bomb":
        bomb(int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6])
    else:
        sys.exit(f"unknown mode {mode}")
