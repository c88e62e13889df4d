#!/usr/bin/env python3
"""One DNS query as a whole process, netlearn against kdig and dig, side by side in one run.

Starts examples/dns_test_server (hickory-server serving tests/fixtures on 127.0.0.1, port 0)
and times `netlearn dns`, `kdig` and `dig` asking it for one A record, each a fresh process,
with hyperfine (Debian's package). Every tool prints its default full answer. Only loopback
is queried; the server stops at the end.

netlearn is timed as installed (copied into a temporary directory, as `cargo install` copies it)
and, in the same run, straight from the linker's output file: in the gVisor sandbox these
figures were taken in, a file the linker wrote through a shared mapping starts measurably
slower (more page faults) than the same bytes written by a copy, and kdig and dig are installed
files too.

Usage: python3 bench/dns.py [--runs 500]     (needs hyperfine and knot-dnsutils; dig optional)
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

import cargo_release

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=500)
    parser.add_argument("--warmup", type=int, default=50)
    args = parser.parse_args()
    for tool in ["hyperfine", "kdig"]:
        if not shutil.which(tool):
            sys.exit(f"bench/dns.py needs {tool} (apt-get install hyperfine knot-dnsutils)")
    built = cargo_release.build(ROOT, "--bin", "netlearn", "--example", "dns_test_server")
    linked = built["netlearn"]
    installed_dir = tempfile.mkdtemp(prefix="netlearn-dns-bench-")
    netlearn = shutil.copy2(linked, os.path.join(installed_dir, "netlearn"))
    server = subprocess.Popen([built["dns_test_server"], "--port", "0", "300"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        assert line.startswith("listening on"), line
        addr = line.split()[2]
        host, port = addr.rsplit(":", 1)
        commands = {
            "netlearn": f"{netlearn} dns netlearn.test A @{addr}",
            "netlearn --short": f"{netlearn} dns netlearn.test A @{addr} --short",
            "netlearn as linked": f"{linked} dns netlearn.test A @{addr}",
            "kdig": f"kdig @{host} -p {port} netlearn.test A",
        }
        # The floor: what starting a process costs here, with no query at all.
        floors = {
            "netlearn --version": f"{netlearn} --version",
            "true": shutil.which("true"),
        }
        if shutil.which("dig"):
            commands["dig"] = f"dig @{host} -p {port} netlearn.test A"
        for name, command in commands.items():
            out = subprocess.run(command.split(), capture_output=True, text=True)
            assert out.returncode == 0 and "192.0.2.1" in out.stdout, f"{name}: {out.stdout}{out.stderr}"
        with tempfile.TemporaryDirectory() as tmp:
            export = os.path.join(tmp, "dns.json")
            argv = ["hyperfine", "-N", "--style", "basic", "--warmup", str(args.warmup),
                    "--runs", str(args.runs), "--export-json", export]
            for name, command in {**commands, **floors}.items():
                argv += ["-n", name, command]
            subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
            with open(export) as f:
                results = {r["command"]: r for r in json.load(f)["results"]}
    finally:
        server.stdin.close()
        server.wait(timeout=10)
        shutil.rmtree(installed_dir, ignore_errors=True)
    ms = {name: r["median"] * 1000 for name, r in results.items()}
    print(f"{'tool':<20}{'median ms':>10}{'mean ms':>10}{'min ms':>9}   vs kdig")
    for name, r in results.items():
        print(f"{name:<20}{ms[name]:>10.2f}{r['mean'] * 1000:>10.2f}{r['min'] * 1000:>9.2f}"
              f"   {ms[name] / ms['kdig']:.2f}x")
    print(f"\nnetlearn / kdig median: {ms['netlearn'] / ms['kdig']:.2f}x installed, "
          f"{ms['netlearn as linked'] / ms['kdig']:.2f}x as linked (target: at most 1.0x)")


if __name__ == "__main__":
    main()
