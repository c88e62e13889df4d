#!/usr/bin/env python3
"""Ladder diagrams from capture files, timed as whole processes beside their peers.

1. The 11-packet exchange of tests/fixtures/wire/handshake.pcap: `netlearn capture --read FILE
   --ladder` (and --mermaid -) against tshark's flow view (`tshark -n -r FILE -q -z
   flow,tcp,standard`, when tshark is installed) and `tcpdump -nn -r FILE`, many runs each,
   alternating; medians.
2. The 1,000,000-packet capture of bench/wire.py: `--ladder` against `tcpdump -nn -r` and
   netlearn's own packet list, to a discarding pipe; wall time and peak RSS (the ladder is drawn
   page by page, so memory must stay flat).

Usage: python3 bench/ladder.py [--runs N] [--rounds R] [--file PATH] [--binary PATH]
Builds netlearn with `cargo build --release` unless --binary names one.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

import cargo_release
import wire

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SMALL = os.path.join(ROOT, "tests", "fixtures", "wire", "handshake.pcap")


def once(command):
    """Wall time of one run, its output discarded."""
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--file", default="/tmp/netlearn-wire-bench.pcap")
    parser.add_argument("--packets", type=int, default=1_000_000)
    parser.add_argument("--binary")
    args = parser.parse_args()
    netlearn = args.binary or cargo_release.build(ROOT, "--bin", "netlearn")["netlearn"]

    peers = {
        "netlearn --ladder": [netlearn, "capture", "--read", SMALL, "--ladder"],
        "netlearn --mermaid -": [netlearn, "capture", "--read", SMALL, "--mermaid", "-"],
        "tcpdump -nn -r": ["tcpdump", "-nn", "-r", SMALL],
    }
    if shutil.which("tshark"):
        peers["tshark -z flow,tcp"] = ["tshark", "-n", "-r", SMALL, "-q", "-z", "flow,tcp,standard"]
    times = {name: [] for name in peers}
    for _ in range(args.runs):
        for name, command in peers.items():
            times[name].append(once(command))
    print(f"11-packet capture, {args.runs} runs each (medians, whole process)")
    base = statistics.median(times["netlearn --ladder"])
    print(f"{'command':<22} {'ms':>8} {'× netlearn --ladder':>20}")
    for name, runs in times.items():
        median = statistics.median(runs)
        print(f"{name:<22} {median * 1000:>8.2f} {median / base:>20.2f}")

    if not os.path.exists(args.file):
        print(f"writing {args.packets} packets to {args.file} ...", file=sys.stderr)
        wire.write_pcap(args.file, args.packets)
    big = {
        "netlearn --ladder": [netlearn, "capture", "--read", args.file, "--ladder"],
        "netlearn (list)": [netlearn, "capture", "--read", args.file],
        "tcpdump -nn -r": ["tcpdump", "-nn", "-r", args.file],
    }
    results = {name: [] for name in big}
    # No COLUMNS: the packet list stays whole lines, as tcpdump's; the ladder is drawn 80
    # columns wide when there is no terminal to ask.
    os.environ.pop("COLUMNS", None)
    for _ in range(args.rounds):
        for name, command in big.items():
            results[name].append(wire.timed(command))
    print(f"\n{args.packets} packets, {args.rounds} rounds (medians; peak RSS the largest)")
    base = statistics.median(t for t, _ in results["tcpdump -nn -r"])
    print(f"{'command':<22} {'time s':>8} {'× tcpdump':>10} {'peak RSS MiB':>13}")
    for name, runs in results.items():
        seconds = statistics.median(t for t, _ in runs)
        rss = max(r for _, r in runs)
        print(f"{name:<22} {seconds:>8.2f} {seconds / base:>10.2f} {rss:>13.1f}")


if __name__ == "__main__":
    main()
