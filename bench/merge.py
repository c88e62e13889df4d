#!/usr/bin/env python3
"""`netlearn cidr merge` against `iprange --optimize` on the same generated list, one run.

Generates N mixed IPv4 prefixes (/8 to /32, shuffled, overlapping, adjacent, duplicated) with
a fixed seed, runs both tools several times alternately, checks that both outputs describe
the same set of addresses, and prints median wall time, peak RSS and the ratio. Also times
netlearn on an IPv6 list of the same length (iprange cannot read IPv6).

Usage: python3 bench/merge.py [--count 1000000] [--rounds 5]   (needs iprange and /usr/bin/time)
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
    """Runs argv under /usr/bin/time -v; returns (wall seconds, peak RSS in MB)."""
    with open(stdin_path, "rb") as stdin, open(out_path, "wb") as stdout:
        proc = subprocess.run(["/usr/bin/time", "-v", *argv], stdin=stdin, stdout=stdout,
                              stderr=subprocess.PIPE, text=True, timeout=600, check=True)
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", proc.stderr)
    hours = int(wall.group(1) or 0)
    seconds = hours * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr).group(1))
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
    for _ in range(opts.rounds):
        runs["netlearn"].append(timed([netlearn, "cidr", "merge"], v4, ours_out))
        runs["iprange"].append(timed(["iprange", "--optimize"], v4, theirs_out))
        runs["netlearn-v6"].append(timed([netlearn, "cidr", "merge"], v6, v6_out))

    same = address_set(ours_out) == address_set(theirs_out)
    lines = {n: sum(1 for _ in open(p)) for n, p in (("netlearn", ours_out), ("iprange", theirs_out))}
    print(f"input: {opts.count} IPv4 prefixes (seed {opts.seed}); median of {opts.rounds} alternating runs")
    for name, samples in runs.items():
        wall = statistics.median(s[0] for s in samples)
        rss = statistics.median(s[1] for s in samples)
        print(f"  {name:12} wall {wall:.3f} s   peak RSS {rss:.1f} MB")
    ratio = statistics.median(s[0] for s in runs["netlearn"]) / statistics.median(s[0] for s in runs["iprange"])
    print(f"  output lines: netlearn {lines['netlearn']}, iprange {lines['iprange']}; same address set: {same}")
    print(f"  wall-time ratio netlearn / iprange: {ratio:.2f}")
    if not same:
        raise SystemExit("outputs differ")


if __name__ == "__main__":
    main()
