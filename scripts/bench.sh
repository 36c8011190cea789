#!/usr/bin/env bash
# Times whole runs of cognito-lint on generated Terraform trees, next to ripgrep finding
# `aws_cognito_` in the same files, and prints a Markdown table: wall time, MB/s, ratio to
# ripgrep, peak memory. Times are medians of the runs: a shared machine's slow outliers move a
# mean, not a median.
#
#   scripts/bench.sh [--files "1000 10000"] [--shares "0.05 1.0"] [--runs 10] [--checkov]
#
# Needs: hyperfine, ripgrep, GNU time (/usr/bin/time), Python 3, and the corpus generator
# (../shared/bench/gen_corpus.py beside the repository, or CORPUS_GEN=path).
set -euo pipefail
cd "$(dirname "$0")/.."

files="1000 10000"
shares="0.05 1.0"
runs=10
checkov=0
while [ $# -gt 0 ]; do
  case "$1" in
    --files) files="$2"; shift 2 ;;
    --shares) shares="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --checkov) checkov=1; shift ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

gen="${CORPUS_GEN:-../shared/bench/gen_corpus.py}"
if [ ! -f "$gen" ]; then
  echo "corpus generator not found at $gen (set CORPUS_GEN)" >&2
  exit 2
fi
for tool in hyperfine rg python3; do
  command -v "$tool" >/dev/null || { echo "$tool is required (apt-get install hyperfine ripgrep)" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "GNU time is required (apt-get install time)" >&2; exit 2; }

cargo build --release --quiet
bin="$PWD/target/release/cognito-lint"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "cognito-lint $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(rg --version | sed -n 1p), runs: $runs"
echo
echo "| tree | size | ripgrep | cognito-lint | MB/s | ratio | peak RSS |"
echo "|---|---|---|---|---|---|---|"
for n in $files; do
  for share in $shares; do
    tree="$work/tree-$n-$share"
    python3 "$gen" "$tree" --files "$n" --client-share "$share" >/dev/null
    bytes=$(du -sb "$tree" | cut -f1)
    hyperfine --style none --warmup 2 --runs "$runs" --ignore-failure -N \
      --export-json "$work/h.json" \
      "rg -uu -c aws_cognito_ $tree" \
      "$bin -q -f compact $tree" >/dev/null 2>&1
    read -r rg_s cl_s < <(python3 -c 'import json,sys,statistics as s; r=json.load(open(sys.argv[1]))["results"]; print(s.median(r[0]["times"]), s.median(r[1]["times"]))' "$work/h.json")
    # Exit code 1 means findings, which the trees hold on purpose.
    rss=$( { /usr/bin/time -f "%M" "$bin" -q -f compact "$tree" >/dev/null || true; } 2>&1 | tail -n 1)
    python3 - "$n" "$share" "$bytes" "$rg_s" "$cl_s" "$rss" <<'PY'
import sys
n, share, size, rg, cl, rss = sys.argv[1:]
size, rg, cl, rss = int(size), float(rg), float(cl), int(rss)
print(f"| {n} files, client share {share} | {size/1e6:.1f} MB | {rg*1000:.0f} ms | {cl*1000:.0f} ms | {size/1e6/cl:.0f} | {cl/rg:.1f}x | {rss/1024:.0f} MiB |")
PY
    if [ "$checkov" = 1 ] && command -v checkov >/dev/null; then
      start=$(date +%s.%N)
      checkov -d "$tree" --framework terraform --quiet --compact >/dev/null 2>&1 || true
      end=$(date +%s.%N)
      echo "|   checkov on the same tree | | | $(python3 -c "print(f'{($end-$start):.1f} s')") | | | |"
    fi
    rm -rf "$tree"
  done
done
