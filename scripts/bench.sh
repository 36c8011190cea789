#!/usr/bin/env bash
# Times whole runs of cognito-lint on generated Terraform trees, next to ripgrep finding
# `aws_cognito_` in the same files, and prints Markdown tables: wall time, MB/s, ratio to
# ripgrep, peak memory, for each output format; then the CPU time of one named file in a
# 2,000-file repository (what pre-commit and editors run), next to ripgrep on that file. Times
# are medians of the runs: a shared machine's slow outliers move a mean, not a median.
#
#   scripts/bench.sh [--files "1000 10000 100000"] [--shares "0.05 1.0"]
#                    [--formats "compact json sarif"] [--runs 10] [--checkov]
#
# Needs: hyperfine, ripgrep, GNU time (/usr/bin/time), Python 3, and the corpus generator
# (../shared/bench/gen_corpus.py beside the repository, or CORPUS_GEN=path).
set -euo pipefail
cd "$(dirname "$0")/.."

files="1000 10000 100000"
shares="0.05 1.0"
formats="compact json sarif"
runs=10
checkov=0
while [ $# -gt 0 ]; do
  case "$1" in
    --files) files="$2"; shift 2 ;;
    --shares) shares="$2"; shift 2 ;;
    --formats) formats="$2"; shift 2 ;;
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
# Where cargo put it: CARGO_TARGET_DIR when it is set, as cargo itself reads it.
bin="${CARGO_TARGET_DIR:-$PWD/target}/release/cognito-lint"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "cognito-lint $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(rg --version | sed -n 1p), runs: $runs"
echo
echo "| tree | size | format | ripgrep | cognito-lint | MB/s | ratio | peak RSS |"
echo "|---|---|---|---|---|---|---|---|"
for n in $files; do
  for share in $shares; do
    tree="$work/tree-$n-$share"
    python3 "$gen" "$tree" --files "$n" --client-share "$share" >/dev/null
    bytes=$(du -sb "$tree" | cut -f1)
    for format in $formats; do
      # Exit code 1 means findings, which the trees hold on purpose.
      hyperfine --style none --warmup 2 --runs "$runs" --ignore-failure -N \
        --export-json "$work/h.json" \
        "rg -uu -c aws_cognito_ $tree" \
        "$bin -q -f $format $tree" >/dev/null 2>&1
      rss=$( { /usr/bin/time -f "%M" "$bin" -q -f "$format" "$tree" >/dev/null || true; } 2>&1 | tail -n 1)
      python3 - "$n" "$share" "$format" "$bytes" "$work/h.json" "$rss" <<'PY'
import json, statistics as s, sys
n, share, fmt, size, h, rss = sys.argv[1:]
r = json.load(open(h))["results"]
rg, cl = s.median(r[0]["times"]), s.median(r[1]["times"])
size, rss = int(size), int(rss)
print(f"| {n} files, client share {share} | {size/1e6:.1f} MB | {fmt} | {rg*1000:.0f} ms | {cl*1000:.0f} ms | {size/1e6/cl:.0f} | {cl/rg:.1f}x | {rss/1024:.0f} MiB |")
PY
    done
    if [ "$checkov" = 1 ] && command -v checkov >/dev/null; then
      start=$(date +%s.%N)
      checkov -d "$tree" --framework terraform --quiet --compact >/dev/null 2>&1 || true
      end=$(date +%s.%N)
      echo "|   checkov on the same tree | | | | $(python3 -c "print(f'{($end-$start):.1f} s')") | | | |"
    fi
    rm -rf "$tree"
  done
done

# One named file, as a pre-commit hook or an editor names it: CPU time (user + system, the
# mean of hyperfine's runs) against ripgrep reading the same file.
echo
echo "| one named file | ripgrep CPU | cognito-lint CPU | ratio | peak RSS |"
echo "|---|---|---|---|---|"
repo="$work/repo-2000"
python3 "$gen" "$repo" --files 2000 --client-share 0.05 >/dev/null
# awk reads to the end: `head` would close the pipe early, and pipefail fail the run.
one=$(rg -l -uu aws_cognito_user_pool_client "$repo" | sort | awk 'NR == 1')
hyperfine --style none --warmup 5 --runs $((runs * 5)) --ignore-failure -N \
  --export-json "$work/h.json" \
  "rg -uu -c aws_cognito_ $one" \
  "$bin -q -f compact $one" >/dev/null 2>&1
rss=$( { /usr/bin/time -f "%M" "$bin" -q -f compact "$one" >/dev/null || true; } 2>&1 | tail -n 1)
python3 - "$work/h.json" "$rss" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
cpu = [x["user"] + x["system"] for x in r]
print(f"| a client file of a 2,000-file repository | {cpu[0]*1000:.1f} ms | {cpu[1]*1000:.1f} ms | {cpu[1]/cpu[0]:.1f}x | {int(sys.argv[2])/1024:.0f} MiB |")
PY
