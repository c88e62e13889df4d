#!/usr/bin/env python3
"""Start-up of one DNS query, build against build: several netlearn binaries, kdig and `true`,
interleaved in one run, with the page faults of each process.

Every round runs every command once, in a fresh random order, so that load from elsewhere on
the machine falls on all of them alike (hyperfine runs one command's runs back to back). Each
process is started with posix_spawn and reaped with wait4, which also gives its minor page
faults. The figures are medians over the rounds after the first five (warm-up). Starts
examples/dns_test_server on 127.0.0.1 (port 0) and asks it for one A record; only loopback is
queried.

Usage: python3 bench/startup.py [--rounds 300] NAME=BINARY [NAME=BINARY ...]
  e.g. python3 bench/startup.py dynamic=/tmp/netlearn-dynamic static=/tmp/netlearn-static
"""
import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import time

import cargo_release

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WARMUP = 5


def run_once(argv, devnull):
    started = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1)])
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        sys.exit(f"{argv[0]} exited with status {status}")
    return elapsed * 1e3, usage.ru_minflt


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("binaries", nargs="+", metavar="NAME=BINARY")
    args = parser.parse_args()
    kdig = shutil.which("kdig")
    if not kdig:
        sys.exit("bench/startup.py needs kdig (apt-get install knot-dnsutils)")
    variants = {}
    for spec in args.binaries:
        name, sep, path = spec.partition("=")
        if not sep or not os.access(path, os.X_OK):
            sys.exit(f"invalid binary '{spec}': expected NAME=PATH to an executable")
        variants[name] = os.path.abspath(path)
    server_binary = cargo_release.build(ROOT, "--example", "dns_test_server")["dns_test_server"]
    server = subprocess.Popen([server_binary, "--port", "0", "300"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        line = server.stdout.readline()
        assert line.startswith("listening on"), line
        addr = line.split()[2]
        host, port = addr.rsplit(":", 1)
        commands = {name: [path, "dns", "netlearn.test", "A", f"@{addr}"]
                    for name, path in variants.items()}
        commands["kdig"] = [kdig, f"@{host}", "-p", port, "netlearn.test", "A"]
        commands["true"] = [shutil.which("true")]
        for name, argv in commands.items():
            out = subprocess.run(argv, capture_output=True, text=True)
            assert out.returncode == 0 and (name == "true" or "192.0.2.1" in out.stdout), name
        times = {name: [] for name in commands}
        faults = {name: [] for name in commands}
        order = list(commands)
        for round_number in range(WARMUP + args.rounds):
            random.shuffle(order)
            for name in order:
                ms, minflt = run_once(commands[name], devnull)
                if round_number >= WARMUP:
                    times[name].append(ms)
                    faults[name].append(minflt)
    finally:
        os.close(devnull)
        server.stdin.close()
        server.wait(timeout=10)
    kdig_ms = statistics.median(times["kdig"])
    print(f"{'binary':<24}{'median ms':>10}{'mean ms':>9}{'faults':>8}   vs kdig")
    for name in commands:
        median = statistics.median(times[name])
        print(f"{name:<24}{median:>10.2f}{statistics.mean(times[name]):>9.2f}"
              f"{statistics.median(faults[name]):>8.0f}   {median / kdig_ms:.2f}x")


if __name__ == "__main__":
    main()
