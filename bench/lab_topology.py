#!/usr/bin/env python3
"""Building labs from topology files of 2, 10 and 50 hosts: `netlearn lab --topology FILE`
(its JSON record's build_ms: namespaces, veth pairs, bridge, addresses, routes, links up)
beside the same network built with iproute2 commands (`ip netns add`, `ip link add ... type
veth`, ...) inside `unshare -rnm`, so nothing outlives the run. The networks: 2 hosts on a
cable; N hosts = a router and N-1 hosts on its LAN (a bridge on the router). Medians of the
rounds, peers alternating.

Usage: python3 bench/lab_topology.py [--rounds R] [--binary PATH] [--as-nobody]
Builds netlearn with `cargo build --release` unless --binary is given.
"""
import argparse
import json
import os
import statistics
import subprocess
import tempfile
import time

import cargo_release

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def topology(n):
    """The TOML of an n-host network, and the iproute2 script that builds the same."""
    if n == 2:
        toml = '[host.a]\n[host.b]\n[[link]]\na = "10.0.0.1/24"\nb = "10.0.0.2/24"\n'
        script = [
            "ip netns add a", "ip netns add b",
            "ip -n a link set lo up", "ip -n b link set lo up",
            "ip -n a link add eth0 type veth peer name eth0 netns b",
            "ip -n a addr add 10.0.0.1/24 dev eth0", "ip -n b addr add 10.0.0.2/24 dev eth0",
            "ip -n a link set eth0 up", "ip -n b link set eth0 up",
        ]
        return toml, script
    hosts = [f"h{i}" for i in range(1, n)]
    toml = "[host.r1]\nrouter = true\n" + "".join(
        f'[host.{h}]\ngateway = "10.0.0.1"\n' for h in hosts)
    toml += '[[link]]\nr1 = "10.0.0.1/16"\n' + "".join(
        f'{h} = "10.0.{i // 250}.{i % 250 + 2}/16"\n' for i, h in enumerate(hosts))
    script = ["ip netns add r1", "ip -n r1 link set lo up",
              "ip -n r1 link add eth0 type bridge",
              "ip netns exec r1 sysctl -qw net.ipv4.ip_forward=1",
              "ip -n r1 addr add 10.0.0.1/16 dev eth0", "ip -n r1 link set eth0 up"]
    for i, h in enumerate(hosts):
        script += [
            f"ip netns add {h}", f"ip -n {h} link set lo up",
            f"ip -n {h} link add eth0 type veth peer name sw-{h} netns r1",
            f"ip -n r1 link set sw-{h} master eth0",
            f"ip -n {h} addr add 10.0.{i // 250}.{i % 250 + 2}/16 dev eth0",
            f"ip -n {h} link set eth0 up", f"ip -n r1 link set sw-{h} up",
            f"ip -n {h} route add default via 10.0.0.1",
        ]
    return toml, script


def netlearn_build_ms(binary, path, nobody):
    # Without root (--as-nobody) netlearn makes a user namespace of its own first.
    prefix = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] if nobody else []
    out = subprocess.run(prefix + [binary, "--json", "lab", "--topology", path], check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    return json.loads(out)["build_ms"]


def ip_build_ms(script):
    body = "mount -t tmpfs none /run; mkdir -p /run/netns; s=$(date +%s%N); " + \
        "; ".join(script) + "; e=$(date +%s%N); echo $(( (e - s) / 1000 ))"
    out = subprocess.run(["unshare", "-rnm", "sh", "-c", body], check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    return int(out.strip().splitlines()[-1]) / 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--binary")
    parser.add_argument("--as-nobody", action="store_true")
    args = parser.parse_args()
    binary = args.binary or cargo_release.build(ROOT, "--bin", "netlearn")["netlearn"]
    print(f"{'hosts':>5} {'netlearn build ms':>18} {'ip commands ms':>15} {'× ip':>6}")
    with tempfile.TemporaryDirectory() as scratch:
        os.chmod(scratch, 0o755)
        for n in (2, 10, 50):
            toml, script = topology(n)
            path = os.path.join(scratch, f"star{n}.toml")
            with open(path, "w") as f:
                f.write(toml)
            ours, theirs = [], []
            for _ in range(args.rounds):
                ours.append(netlearn_build_ms(binary, path, args.as_nobody))
                theirs.append(ip_build_ms(script))
            a, b = statistics.median(ours), statistics.median(theirs)
            print(f"{n:>5} {a:>18.1f} {b:>15.1f} {a / b:>6.2f}")


if __name__ == "__main__":
    main()
