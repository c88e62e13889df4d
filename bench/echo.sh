#!/usr/bin/env bash
# Runs `netlearn echo bench` against netlearn (line and raw framing), a minimal tokio echo
# server, socat and a Python asyncio echo server, in one run, on loopback only, and prints
# the figures and the ratios BENCHMARKS.md records. Every run is bounded by time or count.
#
# Usage: bench/echo.sh [SECONDS_PER_RUN]      (default 5; needs socat and python3)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-5}
cargo build --release --quiet --bin netlearn --example tokio_echo
nl=target/release/netlearn
tokio_echo=target/release/examples/tokio_echo
command -v socat >/dev/null || { echo "socat is needed: apt-get install socat" >&2; exit 1; }

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_listening() { # file
  for _ in $(seq 100); do grep -q "listening on" "$1" 2>/dev/null && return; sleep 0.05; done
  echo "server did not start: $1" >&2; exit 1
}
start() { # name, command...
  local name=$1; shift
  local log; log=$(mktemp)
  "$@" >"$log" 2>&1 &
  pids+=($!)
  eval "pid_$name=$!"
  if [ "$name" = socat ]; then sleep 0.3; else wait_listening "$log"; fi
  if [ "$name" != socat ]; then eval "addr_$name=$(grep -m1 'listening on' "$log" | awk '{print $3}')"; fi
}

ulimit -n 65536 2>/dev/null || true
start netlearn_line "$nl" echo serve --port 0 --framing line --max-conns 20000
start netlearn_raw "$nl" echo serve --port 0 --framing raw --max-conns 20000
start tokio "$tokio_echo"
port=$(free_port); start socat socat "TCP-LISTEN:$port,bind=127.0.0.1,fork,reuseaddr,backlog=1024" PIPE
addr_socat="127.0.0.1:$port"
start python python3 bench/asyncio_echo.py 0

metric() { # addr, jq-like python expression, bench args...
  local addr=$1 expr=$2; shift 2
  "$nl" --json echo bench "$addr" "$@" | python3 -c "import json,sys; r=json.load(sys.stdin); assert r['errors']==0 and r['mismatches']==0, r; print($expr)"
}

declare -A result
peers=(netlearn_line netlearn_raw tokio socat python)
run() { # label, expression, bench args...
  local label=$1 expr=$2; shift 2
  for peer in "${peers[@]}"; do
    local addr_var="addr_$peer"
    result[$label,$peer]=$(metric "${!addr_var}" "$expr" "$@")
  done
}

# socat's PIPE blocks on its own pipe when a peer streams in both directions at once (it
# writes with blocking calls into the pipe it alone drains), so it gets ping-pong runs only.
peers=(netlearn_line netlearn_raw tokio python)
run tput1 "round(r['mb_per_s'])" --mode throughput --connections 1 --duration "${secs}s"
run tput8 "round(r['mb_per_s'])" --mode throughput --connections 8 --duration "${secs}s"
peers=(netlearn_line netlearn_raw tokio socat python)
run msgs50 "round(r['msgs_per_s'])" --mode latency --connections 50 --size 64 --duration "${secs}s"
run p50_50 "round(r['latency']['p50_us'])" --mode latency --connections 50 --size 64 --duration "${secs}s"
run msgs1 "round(r['msgs_per_s'])" --mode latency --connections 1 --size 64 --duration "${secs}s"
run p50_1 "round(r['latency']['p50_us'],1)" --mode latency --connections 1 --size 64 --duration "${secs}s"

# 10,000 concurrent connections (socat forks a process per connection: left out here).
peers=(netlearn_line netlearn_raw tokio python)
run conns10k "r['connected']" --mode latency --connections 10000 --messages 100000 --timeout 30s
rss() { awk '/VmHWM/ {print int($2/1024)}' "/proc/$1/status"; }

printf '\n%-34s %10s %10s %10s %10s %10s\n' "figure" netl-line netl-raw tokio socat python
for label in tput1 tput8 msgs50 p50_50 msgs1 p50_1 conns10k; do
  printf '%-34s' "$label"
  for peer in netlearn_line netlearn_raw tokio socat python; do printf ' %10s' "${result[$label,$peer]:--}"; done
  printf '\n'
done
printf '%-34s %10s %10s %10s %10s %10s\n' "peak RSS MB (after 10k conns)" "$(rss "$pid_netlearn_line")" "$(rss "$pid_netlearn_raw")" "$(rss "$pid_tokio")" "-" "$(rss "$pid_python")"

ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
echo
echo "ratios (netlearn line / peer; p50: lower is better, so peer / netlearn):"
echo "  throughput 1 conn   vs tokio: $(ratio "${result[tput1,netlearn_line]}" "${result[tput1,tokio]}")   raw vs tokio: $(ratio "${result[tput1,netlearn_raw]}" "${result[tput1,tokio]}")"
echo "  throughput 8 conns  vs tokio: $(ratio "${result[tput8,netlearn_line]}" "${result[tput8,tokio]}")   raw vs tokio: $(ratio "${result[tput8,netlearn_raw]}" "${result[tput8,tokio]}")"
echo "  msgs/s 50 conns     vs tokio: $(ratio "${result[msgs50,netlearn_line]}" "${result[msgs50,tokio]}")   vs socat: $(ratio "${result[msgs50,netlearn_line]}" "${result[msgs50,socat]}")   vs python: $(ratio "${result[msgs50,netlearn_line]}" "${result[msgs50,python]}")"
echo "  p50 50 conns        tokio/netlearn: $(ratio "${result[p50_50,tokio]}" "${result[p50_50,netlearn_line]}")"
echo "  p50 1 conn          tokio/netlearn: $(ratio "${result[p50_1,tokio]}" "${result[p50_1,netlearn_line]}")"
echo "  line vs raw         throughput 8: $(ratio "${result[tput8,netlearn_line]}" "${result[tput8,netlearn_raw]}")   msgs/s 50: $(ratio "${result[msgs50,netlearn_line]}" "${result[msgs50,netlearn_raw]}")"
