#!/usr/bin/env bash
# `tolk check` against Mozilla's compare-locales on a real Fluent tree: every locale of a
# checkout of mozilla-l10n/www-l10n (DIR/<locale>/**/*.ftl, `en` the reference), every en
# file required (a generated l10n.toml with `reference = "en/**/*.ftl"`), both tools on the
# same tree, alternating runs. Reports median wall time, CPU time (user + system), peak
# memory (/usr/bin/time -v) and the ratio tolk / compare-locales, for tolk's json and summary
# reports.
#
# Usage: bench/check_compare.sh DIR [RUNS]
#   DIR: a checkout of github.com/mozilla-l10n/www-l10n (git clone --depth 1 …)
#   needs: compare-locales (pip install compare-locales), GNU time; builds tolk --release
set -euo pipefail
dir=${1:-}
if [ -z "$dir" ] || [ ! -d "$dir/en" ]; then
  echo "skipped: give the path of a mozilla-l10n/www-l10n checkout (a directory with en/), e.g." >&2
  echo "  git clone --depth 1 https://github.com/mozilla-l10n/www-l10n /tmp/www-l10n && $0 /tmp/www-l10n" >&2
  exit 0
fi
dir=$(cd "$dir" && pwd)
runs=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
command -v compare-locales > /dev/null || { echo "compare-locales not found: pip install compare-locales" >&2; exit 2; }
(cd "$root" && cargo build --release --quiet)
tolk="$root/target/release/tolk"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
locales=$(cd "$dir" && for d in */; do d=${d%/}; [ "$d" != en ] && ls "$d"/*.ftl > /dev/null 2>&1 && echo "$d"; done | sort)
{
  echo 'basepath = "."'
  printf 'locales = [%s]\n' "$(for l in $locales; do printf '"%s",' "$l"; done | sed 's/,$//')"
  echo '[env]'
  echo "  l10n_base = \"$dir\""
  echo '[[paths]]'
  echo '  reference = "en/**/*.ftl"'
  echo '  l10n = "{l10n_base}/{locale}/**/*.ftl"'
} > "$dir/l10n-bench.toml"
trap 'rm -rf "$work" "$dir/l10n-bench.toml"' EXIT

measure() { # command... → prints "seconds cpu-seconds kbytes"
  /usr/bin/time -v "$@" > "$work/out.txt" 2> "$work/time.txt" || true
  grep -q "Exit status: [01]$" "$work/time.txt" || { echo "FAILED: $*" >&2; tail -5 "$work/time.txt" >&2; exit 1; }
  local wall cpu kb
  wall=$(grep "Elapsed (wall clock)" "$work/time.txt" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$work/time.txt")
  kb=$(grep "Maximum resident" "$work/time.txt" | awk '{print $NF}')
  echo "$wall $cpu $kb"
}

declare -A times cpus mems
tools="tolk-json tolk-summary compare-locales"
for r in $(seq "$runs"); do
  for tool in $tools; do
    case $tool in
      tolk-json) read -r t c m < <(measure "$tolk" check --ftl-root "$dir" --reference en --format json) ;;
      tolk-summary) read -r t c m < <(measure "$tolk" check --ftl-root "$dir" --reference en) ;;
      compare-locales) read -r t c m < <(measure compare-locales --json "$work/cl.json" "$dir/l10n-bench.toml" "$dir") ;;
    esac
    times[$tool]+="$t "; cpus[$tool]+="$c "; mems[$tool]=$(( ${mems[$tool]:-0} > m ? ${mems[$tool]:-0} : m ))
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
t_cl=$(echo "${times[compare-locales]}" | median)
printf '%s: %s locales, %s en files, %s runs (median)\n' "$dir" "$(echo "$locales" | wc -w)" "$(find "$dir/en" -name '*.ftl' | wc -l)" "$runs"
printf '%-16s %10s %10s %10s %16s\n' tool wall-s cpu-s peak-MiB "/compare-locales"
for tool in $tools; do
  t=$(echo "${times[$tool]}" | median)
  c=$(echo "${cpus[$tool]}" | median)
  printf '%-16s %10.2f %10.2f %10.0f %16.3f\n' "$tool" "$t" "$c" "$(( mems[$tool] / 1024 ))" "$(echo "$t / $t_cl" | bc -l)"
done
