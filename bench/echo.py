#!/usr/bin/env python3
"""Runs `netlearn echo bench` against netlearn (line and raw framing), a minimal tokio echo
server, socat and a Python asyncio echo server, all in one run on loopback, and prints the
median of several alternating rounds per figure plus the ratios BENCHMARKS.md records.

Every load is bounded (a duration or a message count) and every server is stopped at the end.

Usage: python3 bench/echo.py [--seconds 4] [--rounds 3]      (needs socat; cargo builds the rest)
       python3 bench/echo.py --raw-gb 1.5 [--rounds 3]
           only the raw framing, copying (the default) and with --splice (splice(2), Linux),
           against tokio's echo on one connection, each round streaming that many gigabytes,
           peers alternating; prints the medians and the ratios
"""
import argparse
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import time

import cargo_release

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, name, argv, addr=None):
        self.name = name
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        if addr is None:
            line = self.proc.stdout.readline()
            assert line.startswith("listening on"), f"{name}: {line!r}"
            addr = line.split()[2]
            # Keep draining the log so the server never blocks on a full pipe.
            subprocess.Popen(["cat"], stdin=self.proc.stdout, stdout=subprocess.DEVNULL)
        else:
            deadline = time.time() + 5
            host, port = addr.split(":")
            while time.time() < deadline:
                try:
                    socket.create_connection((host, int(port)), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.05)
        self.addr = addr

    def peak_rss_mb(self):
        with open(f"/proc/{self.proc.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM"):
                    return int(line.split()[1]) // 1024
        return None

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def bench(addr, *args):
    out = subprocess.run([NETLEARN, "--json", "echo", "bench", addr, *args],
                         capture_output=True, text=True, timeout=600)
    result = json.loads(out.stdout)
    if result["errors"] or result["mismatches"]:
        raise SystemExit(f"bench against {addr} failed: {result}")
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--raw-gb", type=float, default=None)
    opts = parser.parse_args()
    if opts.raw_gb is not None:
        return raw_one_connection(opts.raw_gb, opts.rounds)
    if not shutil.which("socat"):
        raise SystemExit("socat is needed: apt-get install socat")
    built = cargo_release.build(ROOT, "--bin", "netlearn", "--example", "tokio_echo")
    global NETLEARN, TOKIO_ECHO
    NETLEARN, TOKIO_ECHO = built["netlearn"], built["tokio_echo"]
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

    socat_port = free_port()
    servers = {
        "netlearn-line": Server("netlearn-line", [NETLEARN, "echo", "serve", "--port", "0",
                                                  "--framing", "line", "--max-conns", "20000"]),
        "netlearn-raw": Server("netlearn-raw", [NETLEARN, "echo", "serve", "--port", "0",
                                                "--framing", "raw", "--max-conns", "20000"]),
        "tokio": Server("tokio", [TOKIO_ECHO]),
        "socat": Server("socat", ["socat", f"TCP-LISTEN:{socat_port},bind=127.0.0.1,fork,reuseaddr,backlog=1024",
                                  "PIPE"], addr=f"127.0.0.1:{socat_port}"),
        "python": Server("python", [sys.executable, os.path.join(ROOT, "bench/asyncio_echo.py"), "0"]),
    }
    duration = f"{opts.seconds}s"
    # socat's PIPE blocks on the pipe it alone drains when a peer streams both ways at once,
    # so it gets the ping-pong scenarios only.
    streaming_peers = ["netlearn-line", "netlearn-raw", "tokio", "python"]
    scenarios = [
        ("throughput, 1 conn (MB/s)", streaming_peers,
         ["--mode", "throughput", "--connections", "1", "--duration", duration],
         lambda r: {"value": r["mb_per_s"]}),
        ("throughput, 8 conns (MB/s)", streaming_peers,
         ["--mode", "throughput", "--connections", "8", "--duration", duration],
         lambda r: {"value": r["mb_per_s"]}),
        ("64 B ping-pong, 50 conns (msgs/s | p50 µs)", list(servers),
         ["--mode", "latency", "--connections", "50", "--size", "64", "--duration", duration],
         lambda r: {"value": r["msgs_per_s"], "p50": r["latency"]["p50_us"]}),
        ("64 B ping-pong, 1 conn (msgs/s | p50 µs)", list(servers),
         ["--mode", "latency", "--connections", "1", "--size", "64", "--duration", duration],
         lambda r: {"value": r["msgs_per_s"], "p50": r["latency"]["p50_us"]}),
    ]
    table = {}
    try:
        for title, peers, args, pick in scenarios:
            samples = {peer: [] for peer in peers}
            for _ in range(opts.rounds):
                for peer in peers:  # alternate peers within a round: drift hits all alike
                    samples[peer].append(pick(bench(servers[peer].addr, *args)))
            table[title] = {
                peer: {key: statistics.median(s[key] for s in runs) for key in runs[0]}
                for peer, runs in samples.items()
            }
        # 10,000 concurrent connections, each served (socat would fork 10,000 processes).
        connected = {}
        for peer in ["netlearn-line", "netlearn-raw", "tokio", "python"]:
            result = bench(servers[peer].addr, "--mode", "latency", "--connections", "10000",
                           "--messages", "100000", "--timeout", "30s")
            connected[peer] = (result["connected"], result["messages"], servers[peer].peak_rss_mb())
    finally:
        for server in servers.values():
            server.stop()

    print(f"median of {opts.rounds} alternating rounds, {opts.seconds}s each\n")
    names = list(servers)
    print(f"{'figure':46}" + "".join(f"{n:>15}" for n in names))
    for title, by_peer in table.items():
        cells = []
        for n in names:
            if n not in by_peer:
                cells.append(f"{'-':>15}")
            elif "p50" in by_peer[n]:
                cells.append(f"{by_peer[n]['value']:>9.0f} |{by_peer[n]['p50']:>4.0f}")
            else:
                cells.append(f"{by_peer[n]['value']:>15.0f}")
        print(f"{title:46}" + "".join(cells))
    print(f"{'10,000 conns: connected, peak RSS MB':46}" + "".join(
        f"{(str(connected[n][0]) + ', ' + str(connected[n][2])) if n in connected else '-':>15}" for n in names))

    def ratio(title, a, b, key="value"):
        return table[title][a][key] / table[title][b][key]

    t1, t8 = "throughput, 1 conn (MB/s)", "throughput, 8 conns (MB/s)"
    p50, p1 = "64 B ping-pong, 50 conns (msgs/s | p50 µs)", "64 B ping-pong, 1 conn (msgs/s | p50 µs)"
    print("\nratios")
    for framing in ["line", "raw"]:
        me = f"netlearn-{framing}"
        print(f"  {framing:4} throughput vs tokio: 1 conn {ratio(t1, me, 'tokio'):.2f}, 8 conns {ratio(t8, me, 'tokio'):.2f}"
              f" | 50-conn msgs/s vs tokio {ratio(p50, me, 'tokio'):.2f}, vs socat {ratio(p50, me, 'socat'):.2f},"
              f" vs python {ratio(p50, me, 'python'):.2f}"
              f" | p50 vs tokio: 50 conns {ratio(p50, me, 'tokio', 'p50'):.2f}, 1 conn {ratio(p1, me, 'tokio', 'p50'):.2f}")
    print(f"  line vs raw: throughput 8 conns {ratio(t8, 'netlearn-line', 'netlearn-raw'):.2f},"
          f" 50-conn msgs/s {ratio(p50, 'netlearn-line', 'netlearn-raw'):.2f}")


def raw_one_connection(gigabytes, rounds):
    """netlearn's raw echo, copying and spliced, against tokio's echo: one connection streams `gigabytes` (64 KiB
    writes) through each, alternately, `rounds` times; the median MB/s of each and the ratio."""
    built = cargo_release.build(ROOT, "--bin", "netlearn", "--example", "tokio_echo")
    global NETLEARN
    NETLEARN = built["netlearn"]
    size = 64 * 1024
    messages = str(int(gigabytes * 1e9 / size))
    servers = {
        "netlearn-raw": Server("netlearn-raw", [NETLEARN, "echo", "serve", "--port", "0",
                                                "--framing", "raw", "--max-conns", "20000"]),
        "netlearn-splice": Server("netlearn-splice", [NETLEARN, "echo", "serve", "--port", "0",
                                                      "--framing", "raw", "--max-conns", "20000",
                                                      "--splice"]),
        "tokio": Server("tokio", [built["tokio_echo"]]),
    }
    samples = {name: [] for name in servers}
    peak_rss = {}
    load_before = os.getloadavg()[0]
    try:
        for _ in range(rounds):
            for name, server in servers.items():
                result = bench(server.addr, "--mode", "throughput", "--connections", "1",
                               "--messages", messages, "--size", str(size), "--timeout", "30s")
                samples[name].append(result["mb_per_s"])
        peak_rss = {name: server.peak_rss_mb() for name, server in servers.items()}
    finally:
        for server in servers.values():
            server.stop()
    print(f"raw framing, 1 conn, {gigabytes} GB per run, median of {rounds} alternating rounds,"
          f" load average {load_before:.1f} -> {os.getloadavg()[0]:.1f}")
    for name, values in samples.items():
        print(f"  {name:14} {statistics.median(values):8.0f} MB/s   peak RSS {peak_rss[name]} MB   runs: "
              + ", ".join(f"{v:.0f}" for v in values))
    tokio = statistics.median(samples["tokio"])
    for name in ["netlearn-raw", "netlearn-splice"]:
        print(f"ratio {name} / tokio: {statistics.median(samples[name]) / tokio:.2f}")


if __name__ == "__main__":
    main()
