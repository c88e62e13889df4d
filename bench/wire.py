#!/usr/bin/env python3
"""Reading a large capture file: `netlearn capture --read` against `tcpdump -nn -r`, side by side.

Writes a synthetic pcap of loopback traffic (Ethernet, microseconds): TCP connections on
127.0.0.1 with a handshake, PSH/ACK segments both ways with their ACKs, FINs, a reset every
50th connection, and UDP datagrams in between; 1,000,000 packets by default. Then times each
reader on it (alternating, several rounds, medians), printing into a pipe that another process
reads and discards, then straight to /dev/null (--sink),
and reports wall time, peak RSS and the ratio. The peak RSS is the reader's own, as GNU time
(/usr/bin/time) reports it: wait4's rusage of a child Python starts with vfork counts the
Python process's own pages (about 14 MiB), whatever the reader uses; without /usr/bin/time the
script falls back to it and says so.

Usage: python3 bench/wire.py [--packets N] [--rounds R] [--file PATH] [--tshark] [--sink pipe|devnull|both]
Needs tcpdump (and tshark for --tshark). Builds netlearn with `cargo build --release`.
"""
import argparse
import os
import resource
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time

import cargo_release

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def ipv4(proto, payload, ident):
    header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident & 0xFFFF, 0x4000, 64,
                         proto, 0, b"\x7f\0\0\1", b"\x7f\0\0\1")
    header = header[:10] + struct.pack("!H", checksum(header)) + header[12:]
    return b"\0" * 12 + b"\x08\x00" + header + payload


def tcp(sport, dport, seq, ack, flags, data=b"", options=b""):
    offset = (20 + len(options)) // 4
    return struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF,
                       offset << 4, flags, 512, 0, 0) + options + data


SYN, FIN, RST, PSH, ACK = 0x02, 0x01, 0x04, 0x08, 0x10
SYN_OPTIONS = bytes([2, 4, 0xFF, 0xD7, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7])


def connection(index):
    """One connection's frames, client port from the index."""
    client, server = 20000 + index % 40000, 5008
    c, s = (index * 7919) & 0xFFFFFFFF, (index * 104729) & 0xFFFFFFFF
    frames = [tcp(client, server, c, 0, SYN, options=SYN_OPTIONS),
              tcp(server, client, s, c + 1, SYN | ACK, options=SYN_OPTIONS),
              tcp(client, server, c + 1, s + 1, ACK)]
    c += 1
    s += 1
    for n in range(6):
        line = b"message %d from the client\n" % n
        frames.append(tcp(client, server, c, s, PSH | ACK, line))
        frames.append(tcp(server, client, s, c + len(line), ACK))
        frames.append(tcp(server, client, s, c + len(line), PSH | ACK, line))
        c += len(line)
        s += len(line)
        frames.append(tcp(client, server, c, s, ACK))
    if index % 50 == 49:
        frames.append(tcp(server, client, s, c, RST | ACK))
    else:
        frames += [tcp(client, server, c, s, FIN | ACK), tcp(server, client, s, c + 1, FIN | ACK),
                   tcp(client, server, c + 1, s + 1, ACK)]
    return [(6, f) for f in frames]


def udp(index):
    data = b"datagram %d" % index
    return 17, struct.pack("!HHHH", 40000 + index % 20000, 5009, 8 + len(data), 0) + data


def write_pcap(path, packets):
    with open(path, "wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
        written, index, micros = 0, 0, 1_700_000_000 * 1_000_000
        while written < packets:
            batch = connection(index) + [udp(index)]
            for proto, payload in batch:
                if written == packets:
                    break
                frame = ipv4(proto, payload, written)
                micros += 3
                out.write(struct.pack("<IIII", micros // 1_000_000, micros % 1_000_000,
                                      len(frame), len(frame)))
                out.write(frame)
                written += 1
            index += 1


GNU_TIME = "/usr/bin/time"


def timed(command, sink="pipe", rss_file=None):
    """Wall time and peak RSS (MiB) of one run whose stdout goes to a discarding pipe (`| cat >
    /dev/null`: another process reads it) or straight to /dev/null. With `rss_file`, the run is
    started by GNU time, which writes the reader's own peak RSS (KiB) there."""
    if rss_file:
        command = [GNU_TIME, "-q", "-f", "%M", "-o", rss_file, *command]
    start = time.perf_counter()
    if sink == "pipe":
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        while child.stdout.read(1 << 20):
            pass
    else:
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        sys.exit(f"{' '.join(command)} failed with status {status}")
    if rss_file:
        with open(rss_file) as report:
            return elapsed, int(report.read().split()[-1]) / 1024
    return elapsed, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--packets", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--file", default="/tmp/netlearn-wire-bench.pcap")
    parser.add_argument("--tshark", action="store_true")
    parser.add_argument("--sink", choices=["pipe", "devnull", "both"], default="both",
                        help="where the readers' output goes (default: a pipe, then /dev/null)")
    args = parser.parse_args()
    netlearn = cargo_release.build(ROOT, "--bin", "netlearn")["netlearn"]
    if not os.path.exists(args.file):
        print(f"writing {args.packets} packets to {args.file} ...", file=sys.stderr)
        write_pcap(args.file, args.packets)
    size = os.path.getsize(args.file) / (1 << 20)
    peers = {
        "netlearn": [netlearn, "capture", "--read", args.file],
        "netlearn-json": [netlearn, "--json", "capture", "--read", args.file],
        "tcpdump": ["tcpdump", "-nn", "-r", args.file],
    }
    if args.tshark and shutil.which("tshark"):
        peers["tshark"] = ["tshark", "-n", "-r", args.file]
    sinks = ["pipe", "devnull"] if args.sink == "both" else [args.sink]
    results = {(sink, name): [] for sink in sinks for name in peers}
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as scratch:
        rss_file = os.path.join(scratch, "rss") if os.access(GNU_TIME, os.X_OK) else None
        for _ in range(args.rounds):
            for sink in sinks:
                for name, command in peers.items():
                    results[(sink, name)].append(timed(command, sink, rss_file))
    rss_source = "the reader's own (GNU time)" if rss_file else "wait4's, with Python's pages"
    print(f"{args.packets} packets, {size:.0f} MiB pcap, {args.rounds} rounds (medians), "
          f"load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after; "
          f"peak RSS {rss_source}")
    for sink in sinks:
        print(f"output to {'a pipe' if sink == 'pipe' else '/dev/null'}:")
        base = statistics.median(t for t, _ in results[(sink, "tcpdump")])
        print(f"{'reader':<14} {'time s':>8} {'× tcpdump':>10} {'peak RSS MiB':>13}")
        for name in peers:
            runs = results[(sink, name)]
            seconds = statistics.median(t for t, _ in runs)
            rss = max(r for _, r in runs)
            print(f"{name:<14} {seconds:>8.2f} {seconds / base:>10.2f} {rss:>13.1f}")


if __name__ == "__main__":
    main()
