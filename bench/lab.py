#!/usr/bin/env python3
"""Building and tearing down the default lab: `netlearn lab` beside the same lab built with
iproute2 commands (bench/lab_ip.sh inside `unshare -rnm`) and, where installed, mininet's
start-up and shutdown of a comparable network (`mn --switch lxbr --controller none --topo
linear,2 --test none`, run as root inside a private network namespace so the host's own
network is never touched). Peers alternate within each round; medians of the rounds.

Usage: python3 bench/lab.py [--rounds R] [--binary PATH]
Builds netlearn with `cargo build --release` unless --binary is given.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import time

import cargo_release

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def netlearn_lab(binary):
    started = time.monotonic()
    out = subprocess.run([binary, "--json", "lab"], capture_output=True, text=True, check=True)
    wall = (time.monotonic() - started) * 1e3
    steps = {}
    for line in out.stdout.splitlines():
        record = json.loads(line)
        steps[record["step"]] = record
    assert all(r["ok"] for r in steps.values()), out.stdout
    return {
        "build_ms": steps["build"]["facts"]["build_ms"],
        "teardown_ms": steps["teardown"]["facts"]["teardown_ms"],
        "scenario_ms": steps["teardown"]["facts"]["total_ms"],
        "process_ms": wall,
    }


def netlearn_up(binary):
    started = time.monotonic()
    out = subprocess.run([binary, "--json", "lab", "up", "--duration", "1ms"],
                         capture_output=True, text=True, check=True)
    wall = (time.monotonic() - started) * 1e3
    return {"build_ms": json.loads(out.stdout.splitlines()[0])["build_ms"], "process_ms": wall}


def ip_script():
    started = time.monotonic()
    out = subprocess.run(["unshare", "-rnm", "sh", os.path.join(ROOT, "bench", "lab_ip.sh")],
                         capture_output=True, text=True, check=True)
    wall = (time.monotonic() - started) * 1e3
    build, teardown, ttl = out.stdout.split()
    assert ttl == "63", out.stdout
    return {"build_ms": float(build), "teardown_ms": float(teardown), "process_ms": wall}


def mininet():
    started = time.monotonic()
    subprocess.run(["unshare", "-nm", "--propagation", "private", "sh", "-c",
                    "ip link set lo up; mn --switch lxbr --controller none --topo linear,2 --test none"],
                   capture_output=True, text=True, check=True, timeout=120)
    return {"process_ms": (time.monotonic() - started) * 1e3}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--binary")
    args = parser.parse_args()
    binary = args.binary
    if not binary:
        binary = cargo_release.build(ROOT, "--bin", "netlearn")["netlearn"]
    peers = {"netlearn lab": lambda: netlearn_lab(binary),
             "netlearn lab up (build+teardown)": lambda: netlearn_up(binary),
             "ip script": ip_script}
    if os.geteuid() == 0 and shutil.which("mn") and shutil.which("brctl"):
        peers["mininet (lxbr, linear,2)"] = mininet
    results = {name: [] for name in peers}
    for _ in range(args.rounds):
        for name, run in peers.items():
            results[name].append(run())
    print(f"{'peer':34} {'build ms':>9} {'teardown ms':>12} {'scenario ms':>12} {'process ms':>11}")
    for name, rounds in results.items():
        def median(key):
            values = [r[key] for r in rounds if key in r]
            return f"{statistics.median(values):.0f}" if values else "-"
        print(f"{name:34} {median('build_ms'):>9} {median('teardown_ms'):>12} "
              f"{median('scenario_ms'):>12} {median('process_ms'):>11}")


if __name__ == "__main__":
    main()
