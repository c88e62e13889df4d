#!/usr/bin/env python3
"""A capture with more TCP connections than netlearn follows: `netlearn capture --read` against
`tcpdump -nn -r`, side by side (issue 23, hole 5).

Writes the file of the report: 65,535 SYNs, each from its own client (10.0.x.y:40000 to
192.0.2.1:80), then 100,000 resets, each from yet another client (10.1+.x.y:40001): 165,535
Ethernet frames of 54 bytes, 11.6 MB, microsecond pcap. The resets open connections that are
closed at once, past the tracker's 65,536, so every one of them makes the tracker forget one:
the case that used to cost a scan of the whole table per packet (31 s). Then times each reader
on it (alternating, several rounds, medians), each printing to a pipe the script drains and
discards, and reports wall time, peak RSS (wait4's rusage) and the ratio to tcpdump, and the
summary netlearn printed (how many connections it forgot). As a control, netlearn also reads a
file of as many packets, all SYNs (`netlearn-syns`): the resets should cost no more.

Usage: python3 bench/wire_flows.py [--rounds R] [--syns N] [--resets N] [--keep PATH]
                                   [--binary NETLEARN] [--also NAME=NETLEARN ...]
--binary times that netlearn instead of building one (`cargo build --release`); --also adds
another netlearn to the peers (an older build, to compare). Needs tcpdump. The file is written
to a temporary directory and removed at the end, unless --keep names where to keep it.
"""
import argparse
import itertools
import json
import os
import statistics
import struct
import subprocess
import sys
import tempfile

import cargo_release
from wire import checksum, timed

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SYN, RST = 0x02, 0x04
SERVER = bytes([192, 0, 2, 1])


def frame(client, port, flags, seq):
    """Ethernet + IPv4 + TCP (no options, no payload) from client:port to 192.0.2.1:80."""
    tcp = struct.pack("!HHIIBBHHH", port, 80, seq & 0xFFFFFFFF, 0, 5 << 4, flags, 64240, 0, 0)
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 40, seq & 0xFFFF, 0x4000, 64, 6, 0, client, SERVER)
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    return b"\x02\0\0\0\0\x02" + b"\x02\0\0\0\0\x01" + b"\x08\x00" + ip + tcp


def client(n, first_octet):
    return bytes([10, first_octet + (n >> 16), (n >> 8) & 0xFF, n & 0xFF])


def write_pcap(path, syns, resets):
    """SYNs from clients 10.0.x.y, then resets from clients 10.1+.x.y. Written as generated,
    so this script stays small (a forked child's peak RSS starts from its parent's)."""
    with open(path, "wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
        micros = 1_700_000_000 * 1_000_000
        packets = itertools.chain(((client(n, 0), 40000, SYN, n) for n in range(syns)),
                                  ((client(n, 1), 40001, RST, n) for n in range(resets)))
        for address, port, flags, seq in packets:
            data = frame(address, port, flags, seq)
            micros += 1
            out.write(struct.pack("<IIII", micros // 1_000_000, micros % 1_000_000, len(data),
                                  len(data)))
            out.write(data)


def summary(netlearn, path):
    """The summary record `netlearn --json capture --read` ends with."""
    out = subprocess.run([netlearn, "--json", "capture", "--read", path], check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    return json.loads(out.splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--syns", type=int, default=65_535)
    parser.add_argument("--resets", type=int, default=100_000)
    parser.add_argument("--keep", help="write the pcap here and keep it")
    parser.add_argument("--binary", help="the netlearn to time (default: a release build)")
    parser.add_argument("--also", action="append", default=[], metavar="NAME=NETLEARN",
                        help="another netlearn to time alongside")
    args = parser.parse_args()
    netlearn = args.binary or cargo_release.build(ROOT, "--bin", "netlearn")["netlearn"]
    packets = args.syns + args.resets
    with tempfile.TemporaryDirectory(prefix="netlearn-bench-") as scratch:
        path = args.keep or os.path.join(scratch, "flows.pcap")
        write_pcap(path, args.syns, args.resets)
        # The control: as many packets, all SYNs (each its own connection too).
        syns = os.path.join(scratch, "syns.pcap")
        write_pcap(syns, packets, 0)
        size = os.path.getsize(path) / 1e6
        peers = {
            "netlearn": [netlearn, "capture", "--read", path],
            "netlearn-json": [netlearn, "--json", "capture", "--read", path],
            "netlearn-syns": [netlearn, "capture", "--read", syns],
        }
        for also in args.also:
            name, _, binary = also.partition("=")
            peers[name] = [binary, "capture", "--read", path]
        peers["tcpdump"] = ["tcpdump", "-nn", "-r", path]
        results = {name: [] for name in peers}
        for _ in range(args.rounds):
            for name, command in peers.items():
                results[name].append(timed(command))
        said = summary(netlearn, path)
    print(f"{packets} packets ({args.syns} SYNs, then {args.resets} resets, each its own "
          f"connection), {size:.1f} MB pcap, {args.rounds} rounds (medians)")
    base = statistics.median(t for t, _ in results["tcpdump"])
    print(f"{'reader':<16} {'time s':>8} {'× tcpdump':>10} {'peak RSS MiB':>13}")
    for name, runs in results.items():
        seconds = statistics.median(t for t, _ in runs)
        rss = max(r for _, r in runs)
        print(f"{name:<16} {seconds:>8.2f} {seconds / base:>10.2f} {rss:>13.1f}")
    print("netlearn-syns: the same number of packets, all SYNs (the control)")
    print(f"netlearn's summary: {json.dumps(said)}")
    if said.get("read") != packets:
        sys.exit(f"netlearn read {said.get('read')} packets, not {packets}")


if __name__ == "__main__":
    main()
