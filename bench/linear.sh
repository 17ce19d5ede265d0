#!/usr/bin/env bash
# Linearity of `tolk build` and `tolk check` in each dimension of a site: for each, a site
# and the same site with that dimension doubled (bench/generate.py), alternating runs;
# reports median wall and CPU times and the ratio doubled / base (linear: about 2.0; the
# target is within 15%, at most 2.3).
#
# Usage: bench/linear.sh [RUNS] [N]   (N: articles of the base site, 500 by default)
# Dimensions: articles (N → 2N), locales (en,nl → en,nl,de,hu), messages per resource
# (6 → 12 sections per article, at N/2), words per message (60 → 120 per paragraph, at N/2),
# do-not-translate terms (150 → 300, at N/2: terms are searched all at once, so this ratio
# should stay near 1, not 2).
set -euo pipefail
runs=${1:-3}
n=${2:-500}
half=$(( n / 2 ))
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
work=${BENCH_DIR:-/tmp/tolk-bench}/linear
out=${BENCH_OUT:-/dev/shm/tolk-bench}/linear
mkdir -p "$work" "$out"
(cd "$root" && cargo build --release --quiet)
tolk="$root/target/release/tolk"

site() { # name generate-args... → generates $work/name once
  local name=$1; shift
  [ -d "$work/$name/tolk" ] || python3 "$here/generate.py" "$@" "$work/$name" > /dev/null
}
site articles-1 "$n";              site articles-2 "$(( 2 * n ))"
site locales-1 "$n" --locales en,nl; site locales-2 "$n" --locales en,nl,de,hu
site messages-1 "$half" --sections 6; site messages-2 "$half" --sections 12
site words-1 "$half" --words 60;    site words-2 "$half" --words 120
site terms-1 "$half" --terms 150;   site terms-2 "$half" --terms 300

measure() { # command... → prints "seconds cpu-seconds"
  /usr/bin/time -f "%e %U %S" "$@" > /dev/null 2> "$out/time.txt" || true
  tail -1 "$out/time.txt" | awk '{print $1, $2 + $3}'
}
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
printf '%-10s %-6s %10s %10s %10s %10s %8s %8s\n' dimension cmd "wall 1×" "wall 2×" "cpu 1×" "cpu 2×" "wall ×" "cpu ×"
for dim in articles locales messages words terms; do
  for cmd in build check; do
    declare -A wall=() cpu=()
    for r in $(seq "$runs"); do
      for k in 1 2; do
        s="$work/$dim-$k/tolk"
        case $cmd in
          build) read -r t c < <(measure "$tolk" --site "$s" build --out "$out/$dim-$k") ;;
          check) read -r t c < <(measure "$tolk" --site "$s" check --format json) ;;
        esac
        wall[$k]+="$t "; cpu[$k]+="$c "
      done
    done
    w1=$(echo "${wall[1]}" | median); w2=$(echo "${wall[2]}" | median)
    c1=$(echo "${cpu[1]}" | median); c2=$(echo "${cpu[2]}" | median)
    printf '%-10s %-6s %10.2f %10.2f %10.2f %10.2f %8.2f %8.2f\n' "$dim" "$cmd" "$w1" "$w2" "$c1" "$c2" \
      "$(echo "$w2 / $w1" | bc -l)" "$(echo "$c2 / $c1" | bc -l)"
  done
done
