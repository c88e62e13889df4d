#!/usr/bin/env python3
"""`netlearn cidr merge` against `iprange --optimize` on the same generated list, one run.

Generates N mixed IPv4 prefixes (/8 to /32, shuffled, overlapping, adjacent, duplicated) with
a fixed seed, runs both tools several times alternately, checks that both outputs describe
the same set of addresses, and prints median wall time, peak RSS and the ratio. Also times
netlearn on an IPv6 list of the same length (iprange cannot read IPv6), checks that output
against Python's merge of the input, and prints its ratio to netlearn's own IPv4 time.

Usage: python3 bench/merge.py [--count 1000000] [--rounds 5] [--baseline OTHER_NETLEARN]   (needs iprange)
"""
import argparse
import ipaddress
import os
import random
import re
import shutil
import statistics
import subprocess
import tempfile
import time

import cargo_release

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def generate_v4(count, seed):
    rng = random.Random(seed)
    lines = []
    while len(lines) < count:
        prefix = rng.choice([8, 12, 16, 20, 22, 24, 24, 24, 26, 28, 30, 31, 32, 32, 32, 32])
        # Weight towards long prefixes so the result is not just a handful of /8s.
        if prefix < 16 and rng.random() < 0.98:
            prefix = rng.randint(20, 32)
        addr = rng.getrandbits(32)
        lines.append(f"{ipaddress.IPv4Address(addr)}/{prefix}")
        roll = rng.random()
        if roll < 0.1:  # a duplicate
            lines.append(lines[-1])
        elif roll < 0.2 and prefix < 32:  # an adjacent block of the same size
            size = 1 << (32 - prefix)
            base = addr & ~(size - 1) & 0xFFFFFFFF
            lines.append(f"{ipaddress.IPv4Address((base + size) & 0xFFFFFFFF)}/{prefix}")
    lines = lines[:count]
    rng.shuffle(lines)
    return "\n".join(lines) + "\n"


def generate_v6(count, seed):
    rng = random.Random(seed)
    lines = []
    for _ in range(count):
        prefix = rng.randint(32, 128)
        addr = (0x2001 << 112) | rng.getrandbits(112)
        lines.append(f"{ipaddress.IPv6Address(addr)}/{prefix}")
    return "\n".join(lines) + "\n"


def timed(argv, stdin_path, out_path):
    """Runs argv with stdin and stdout on files; returns (wall seconds, peak RSS in MB).
    Wall time from time.perf_counter around the whole run (microseconds, where /usr/bin/time's
    own figure has 10 ms); peak RSS from /usr/bin/time, which forks the tool from a small
    process (a child forked from this Python would count Python's memory as its own)."""
    rss_path = out_path + ".rss"
    with open(stdin_path, "rb") as stdin, open(out_path, "wb") as stdout:
        start = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss_path, *argv], stdin=stdin,
                       stdout=stdout, stderr=subprocess.DEVNULL, timeout=600, check=True)
        seconds = time.perf_counter() - start
    with open(rss_path) as f:
        rss_kb = int(f.read().split()[-1])
    return seconds, rss_kb / 1024


def address_set(path):
    """The output as a sorted, merged list of (first, last) integer ranges."""
    ranges = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            if "-" in line:
                a, b = line.split("-")
                ranges.append((int(ipaddress.ip_address(a)), int(ipaddress.ip_address(b))))
            else:
                net = ipaddress.ip_network(line, strict=False)
                ranges.append((int(net.network_address), int(net.broadcast_address)))
    ranges.sort()
    merged = []
    for first, last in ranges:
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--baseline", help="another netlearn binary (say, main's) timed in the same rounds")
    opts = parser.parse_args()
    if not shutil.which("iprange"):
        raise SystemExit("iprange is needed: apt-get install iprange")
    netlearn = cargo_release.build(ROOT, "--bin", "netlearn")["netlearn"]
    work = tempfile.mkdtemp(prefix="netlearn-merge-")
    v4 = os.path.join(work, "v4.txt")
    v6 = os.path.join(work, "v6.txt")
    with open(v4, "w") as f:
        f.write(generate_v4(opts.count, opts.seed))
    with open(v6, "w") as f:
        f.write(generate_v6(opts.count, opts.seed))
    ours_out, theirs_out, v6_out = (os.path.join(work, n) for n in ("ours.txt", "iprange.txt", "v6-out.txt"))

    runs = {"netlearn": [], "iprange": [], "netlearn-v6": []}
    jobs = [
        ("netlearn", [netlearn, "cidr", "merge"], v4, ours_out),
        ("iprange", ["iprange", "--optimize"], v4, theirs_out),
        ("netlearn-v6", [netlearn, "cidr", "merge"], v6, v6_out),
    ]
    if opts.baseline:
        runs["baseline"], runs["baseline-v6"] = [], []
        jobs.append(("baseline", [opts.baseline, "cidr", "merge"], v4, os.path.join(work, "b4.txt")))
        jobs.append(("baseline-v6", [opts.baseline, "cidr", "merge"], v6, os.path.join(work, "b6.txt")))
    for round_no in range(opts.rounds):
        # Alternate who goes first, so no tool always runs right after the same neighbour.
        order = jobs[round_no % len(jobs):] + jobs[:round_no % len(jobs)]
        for name, argv, stdin_path, out_path in order:
            runs[name].append(timed(argv, stdin_path, out_path))

    same = address_set(ours_out) == address_set(theirs_out)
    # The IPv6 output against Python's own merge of the input.
    v6_same = address_set(v6_out) == address_set(v6)
    lines = {n: sum(1 for _ in open(p)) for n, p in
             (("netlearn", ours_out), ("iprange", theirs_out), ("netlearn-v6", v6_out))}
    median = {name: statistics.median(s[0] for s in samples) for name, samples in runs.items()}
    print(f"input: {opts.count} IPv4 prefixes and {opts.count} IPv6 prefixes (seed {opts.seed}); "
          f"median of {opts.rounds} alternating runs; load average {os.getloadavg()[0]:.2f}")
    for name, samples in runs.items():
        rss = statistics.median(s[1] for s in samples)
        spread = f"{min(s[0] for s in samples):.3f}-{max(s[0] for s in samples):.3f}"
        print(f"  {name:12} wall {median[name]:.3f} s (range {spread})   peak RSS {rss:.1f} MB")
    print(f"  output lines: netlearn {lines['netlearn']}, iprange {lines['iprange']}; same address set: {same}")
    print(f"  IPv6 output lines: {lines['netlearn-v6']}; same address set as Python's merge: {v6_same}")
    print(f"  wall-time ratio netlearn / iprange (IPv4): {median['netlearn'] / median['iprange']:.2f}")
    print(f"  wall-time ratio netlearn IPv6 / netlearn IPv4: {median['netlearn-v6'] / median['netlearn']:.2f}")
    if opts.baseline:
        print(f"  baseline {opts.baseline}: IPv4 {median['netlearn'] / median['baseline']:.2f}x its time, "
              f"IPv6 {median['netlearn-v6'] / median['baseline-v6']:.2f}x its time")
    if not same or not v6_same:
        raise SystemExit("outputs differ")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
