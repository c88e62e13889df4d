#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser with libFuzzer, on the stable toolchain: the same
# instrumentation cargo-fuzz uses (SanitizerCoverage), minus the address sanitizer, which
# needs nightly (with nightly, `cargo +nightly fuzz run <target>` works as usual).
#
# Usage: fuzz/run.sh [SECONDS_PER_TARGET]   (default 30; CI runs a 5-second smoke)
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-30}
target=$(rustc -vV | sed -n 's/^host: //p')
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
# --target keeps RUSTFLAGS away from build scripts.
cargo build --quiet --release --bins --target "$target"
for fuzz_target in parse_net parse_mask address_list deframer dns_answer dns_input http_response \
  http_request_path http_request_head text_input wire_frames capture_file icmp_answers; do
  mkdir -p "corpus/$fuzz_target" "artifacts/$fuzz_target"
  echo "fuzzing $fuzz_target for ${seconds}s"
  "target/$target/release/$fuzz_target" "corpus/$fuzz_target" \
    -max_total_time="$seconds" -artifact_prefix="artifacts/$fuzz_target/" -print_final_stats=1 2>&1 \
    | grep -E '^(stat::number_of_executed_units|==|SUMMARY|Done)|DONE' || true
  if compgen -G "artifacts/$fuzz_target/crash-*" > /dev/null; then
    echo "fuzz target $fuzz_target crashed: see fuzz/artifacts/$fuzz_target" >&2
    exit 1
  fi
done
