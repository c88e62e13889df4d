#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser with libFuzzer, on the stable toolchain.
#
# Usage: fuzz/run.sh [SECONDS_PER_TARGET]   (default 30; CI runs a short smoke)
#   FUZZ_PROFILE=release fuzz/run.sh 600     a long run, optimised (a second build of the deps)
#   FUZZ_JOBS=N                              targets fuzzed at once (default: the number of cores)
# With nightly, cargo-fuzz works as usual: cargo +nightly fuzz run parse_net
#
# The targets are a member of the main workspace: in the default dev profile they reuse the
# dependencies `cargo test --workspace` built, and only the domain crate is compiled again,
# instrumented (fuzz/sancov-rustc).
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-30}
profile=${FUZZ_PROFILE:-dev}
jobs=${FUZZ_JOBS:-$(nproc)}
targets=(parse_net parse_mask address_list deframer dns_answer dns_input http_response
  http_request_path http_request_head text_input wire_frames capture_file icmp_answers)
export RUSTC_WORKSPACE_WRAPPER="$PWD/sancov-rustc"
# Every member selected, only the targets built: cargo resolves features per selection, and
# this one is the test build's (`cargo test --workspace`), so no dependency is built again.
cargo build --quiet --profile "$profile" -p netlearn -p netlearn-core -p netlearn-fuzz \
  $(printf -- '--bin %s ' "${targets[@]}")
out_dir=$([ "$profile" = dev ] && echo debug || echo "$profile")
bin_dir="$(cd .. && pwd)/target/$out_dir"
fuzz_one() {
  local name=$1
  mkdir -p "corpus/$name" "artifacts/$name"
  local stats
  stats=$("$bin_dir/$name" "corpus/$name" -max_total_time="$seconds" \
    -artifact_prefix="artifacts/$name/" -print_final_stats=1 2>&1 \
    | grep -E '^(stat::number_of_executed_units|==|SUMMARY)' || true)
  echo "$name (${seconds}s): $(echo "$stats" | tr '\n' ' ')"
  if compgen -G "artifacts/$name/crash-*" >/dev/null; then
    echo "fuzz target $name crashed: see fuzz/artifacts/$name" >&2
    return 1
  fi
}
export -f fuzz_one
export seconds bin_dir
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'fuzz_one {}'
