#!/usr/bin/env python3
"""Unix domain sockets against TCP loopback, in one run: `netlearn echo bench --unix` against
`netlearn echo serve --unix`, the same binary over TCP, a minimal tokio UnixListener echo
(examples/tokio_unix_echo.rs) and socat's UNIX-LISTEN; medians of alternating rounds, ratios.

Every load is bounded by a duration, every server stopped and its socket file removed at the end.

Usage: python3 bench/unix.py [--seconds 2] [--rounds 3]      (needs socat; cargo builds the rest)
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time

import cargo_release

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Server:
    def __init__(self, name, argv, target=None):
        self.name = name
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        if target is None:
            line = self.proc.stdout.readline()
            assert line.startswith("listening on"), f"{name}: {line!r}"
            target = line.split()[2]
            subprocess.Popen(["cat"], stdin=self.proc.stdout, stdout=subprocess.DEVNULL)
        else:
            deadline = time.time() + 5
            while time.time() < deadline and not os.path.exists(target):
                time.sleep(0.05)
        self.target = target

    def bench_args(self):
        return [self.target] if ":" in self.target else ["--unix", self.target]

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def bench(server, *args):
    out = subprocess.run([NETLEARN, "--json", "echo", "bench", *server.bench_args(), *args],
                         capture_output=True, text=True, timeout=600)
    result = json.loads(out.stdout)
    if result["errors"] or result["mismatches"]:
        raise SystemExit(f"bench against {server.name} failed: {result}")
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    opts = parser.parse_args()
    if not shutil.which("socat"):
        raise SystemExit("socat is needed: apt-get install socat")
    built = cargo_release.build(ROOT, "--bin", "netlearn", "--example", "tokio_unix_echo")
    global NETLEARN, TOKIO_UNIX_ECHO
    NETLEARN, TOKIO_UNIX_ECHO = built["netlearn"], built["tokio_unix_echo"]
    workdir = tempfile.mkdtemp(prefix="netlearn-bench-")
    sock = lambda name: os.path.join(workdir, name + ".sock")
    servers = {
        "netlearn-unix": Server("netlearn-unix", [NETLEARN, "echo", "serve", "--unix", sock("netlearn"), "-q"]),
        "netlearn-tcp": Server("netlearn-tcp", [NETLEARN, "echo", "serve", "--port", "0", "-q"]),
        "tokio-unix": Server("tokio-unix", [TOKIO_UNIX_ECHO, sock("tokio")]),
        "socat-unix": Server("socat-unix", ["socat", f"UNIX-LISTEN:{sock('socat')},fork,backlog=1024", "PIPE"],
                             target=sock("socat")),
    }
    duration = f"{opts.seconds}s"
    # socat's PIPE cannot stream both ways at once (see bench/echo.py): ping-pong only.
    streaming = ["netlearn-unix", "netlearn-tcp", "tokio-unix"]
    scenarios = [
        ("throughput, 1 conn (MB/s)", streaming,
         ["--mode", "throughput", "--connections", "1", "--duration", duration],
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
                    samples[peer].append(pick(bench(servers[peer], *args)))
            table[title] = {
                peer: {key: statistics.median(s[key] for s in runs) for key in runs[0]}
                for peer, runs in samples.items()
            }
    finally:
        for server in servers.values():
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)

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

    def ratio(title, a, b):
        return table[title][a]["value"] / table[title][b]["value"]

    t1 = "throughput, 1 conn (MB/s)"
    p50 = "64 B ping-pong, 50 conns (msgs/s | p50 µs)"
    print("\nratios")
    print(f"  unix vs tcp (same netlearn server): 50-conn msgs/s {ratio(p50, 'netlearn-unix', 'netlearn-tcp'):.2f},"
          f" throughput 1 conn {ratio(t1, 'netlearn-unix', 'netlearn-tcp'):.2f}")
    print(f"  netlearn-unix vs tokio-unix: 50-conn msgs/s {ratio(p50, 'netlearn-unix', 'tokio-unix'):.2f},"
          f" throughput 1 conn {ratio(t1, 'netlearn-unix', 'tokio-unix'):.2f}")
    print(f"  netlearn-unix vs socat-unix: 50-conn msgs/s {ratio(p50, 'netlearn-unix', 'socat-unix'):.2f}")


if __name__ == "__main__":
    main()
