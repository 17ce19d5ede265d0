#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 60) with its seed corpus, one after another,
# and prints executions and crashes per target. Crashing inputs land in
# fuzz/artifacts/<target>/; copy each into fuzz/regressions/<target>/ so that
# `cargo test --test fuzz_regressions` replays it from then on.
#
#   fuzz/run.sh 600                 # ten minutes each
#   fuzz/run.sh 60 check_pair       # one target
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and a nightly toolchain (`rustup toolchain
# install nightly`); RUSTC_BOOTSTRAP=1 on a stable toolchain works too. tolk has no unsafe
# code, so the targets are built without AddressSanitizer (SANITIZER=address to use it):
# about 4x the executions; panics, overflows (debug assertions) and timeouts still count.
# Each run is appended to fuzz/results.tsv (date, target, seconds, executions, crashes,
# sanitizer).
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(import_msdocs import_markdown check_pair render_skeleton check_then_build)
toolchain=+nightly
rustup toolchain list 2>/dev/null | grep '^nightly' >/dev/null || { toolchain=; export RUSTC_BOOTSTRAP=1; }
./seed.sh >/dev/null
sanitizer=${SANITIZER:-none}
cargo $toolchain fuzz build -s "$sanitizer"
count() { mkdir -p "$1"; find "$1" -type f | wc -l; }
# One thread per fuzzer: rayon would otherwise spread each input over every core.
export RAYON_NUM_THREADS=${RAYON_NUM_THREADS:-1}
mkdir -p logs
for t in "${targets[@]}"; do
  log=logs/$t.log
  crashes_before=$(count artifacts/$t)
  # libFuzzer stops at the first crash (saved in artifacts/); inputs are capped at 8 KiB (small
  # inputs run ~10x faster and reach the same code); -timeout flags inputs slower than 10 s.
  started=$(date +%s)
  cargo $toolchain fuzz run -s "$sanitizer" "$t" "corpus/$t" -- -max_total_time="$seconds" -timeout=10 \
    -rss_limit_mb=4096 -max_len=8192 -print_final_stats=1 >"$log" 2>&1 || true
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
  crashes=$(( $(count artifacts/$t) - crashes_before ))
  ran=$(( $(date +%s) - started ))
  printf '%-16s %6ss  %10s execs  %3s new crashes  corpus %s\n' "$t" "$ran" "${execs:-?}" "$crashes" \
    "$(count corpus/$t)"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "$ran" "${execs:-0}" "$crashes" "$sanitizer" >> results.tsv
done
