#!/usr/bin/env bash
# Shows that hostile or generated inputs cost time in proportion to their size: each input kind
# is generated at sizes x1, x4 and x16, linted with the release binary, and timed (median of
# --runs runs). A linear step multiplies the time by about 4 from one size to the next; the
# `x16/x1` column should stay near 16 (small inputs are dominated by start-up, so below it).
#
#   scripts/scaling.sh [--runs 3] [--base 2000]
#
# Needs Python 3 and GNU time (/usr/bin/time) for peak memory. Writes only to a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=3
base=2000
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --base) base="$2"; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

cargo build --release --quiet
# Where cargo put it: CARGO_TARGET_DIR when it is set, as cargo itself reads it.
bin="${CARGO_TARGET_DIR:-$PWD/target}/release/cognito-lint"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# One folder per (kind, size) under $work/KIND-N; `named` is linted with every file named.
python3 - "$work" "$base" <<'PY'
import json, os, sys
work, base = sys.argv[1], int(sys.argv[2])

def write(folder, name, text):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "w") as f:
        f.write(text)

def client(i, extra=""):
    return (f'resource "aws_cognito_user_pool_client" "c{i}" {{\n  name = "c{i}"\n'
            f'  user_pool_id = "p"\n  access_token_validity = 48\n{extra}}}\n')

for scale in (1, 4, 16):
    n = base * scale
    d = lambda kind: os.path.join(work, f"{kind}-{scale}")
    for i in range(n // 4):
        write(d("named"), f"f{i:06d}.tf", f'resource "aws_s3_bucket" "b{i}" {{\n  bucket = "b{i}"\n}}\n')
    write(d("named"), "client.tf", client(0))
    write(d("suppressions"), "main.tf",
          "".join(f"# cognito-lint:ignore COG204 reason {i}\n" for i in range(n * 4)) + client(0))
    write(d("arguments"), "main.tf",
          client(0, "".join(f"  unknown_{i} = {i}\n" for i in range(n * 2))))
    write(d("clients"), "main.tf", "".join(client(i) for i in range(n * 2)))
    clients = {f"c{i}": {"name": f"c{i}", "user_pool_id": "p", "access_token_validity": 48}
               for i in range(n)}
    write(d("minified-json"), "main.tf.json",
          json.dumps({"resource": {"aws_cognito_user_pool_client": clients}}, separators=(",", ":")))
    listed = [{"aws_cognito_user_pool_client": {k: v}} for k, v in clients.items()]
    write(d("list-form-json"), "main.tf.json", json.dumps({"resource": listed}, indent=1))
    resources = [{"address": f"aws_cognito_user_pool_client.c{i}", "mode": "managed",
                  "type": "aws_cognito_user_pool_client", "name": f"c{i}",
                  "values": {"name": f"c{i}", "user_pool_id": "p", "access_token_validity": 48}}
                 for i in range(n)]
    plan = {"format_version": "1.2", "planned_values": {"root_module": {"resources": resources}}}
    write(d("plan-one-line"), "plan.json", json.dumps(plan, separators=(",", ":")))
PY

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_case() { # kind scale -> "seconds peak_kib"
  local dir="$work/$1-$2" args=()
  case "$1" in
    named) args=("$dir"/*.tf) ;;
    plan-one-line) args=("$dir/plan.json") ;;
    *) args=("$dir") ;;
  esac
  local times=() rss=0
  for _ in $(seq "$runs"); do
    local out
    out=$( { /usr/bin/time -f "%e %M" "$bin" --no-config -q -f compact "${args[@]}" >/dev/null || true; } 2>&1 | tail -n 1)
    times+=("${out% *}")
    rss="${out#* }"
  done
  echo "$(printf '%s\n' "${times[@]}" | median) $rss"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "cognito-lint $(git rev-parse --short HEAD 2>/dev/null || echo '?'), base size $base, runs: $runs"
echo
echo "| input | x1 | x4 | x16 | x16/x1 | peak RSS at x16 |"
echo "|---|---|---|---|---|---|"
for kind in named suppressions arguments clients minified-json list-form-json plan-one-line; do
  read -r t1 _ < <(time_case "$kind" 1)
  read -r t4 _ < <(time_case "$kind" 4)
  read -r t16 m16 < <(time_case "$kind" 16)
  python3 -c 'import sys; k,a,b,c,m=sys.argv[1:]; a,b,c=float(a),float(b),float(c); print(f"| {k} | {a:.2f} s | {b:.2f} s | {c:.2f} s | {c/max(a,0.01):.1f} | {int(m)//1024} MiB |")' \
    "$kind" "$t1" "$t4" "$t16" "$m16"
done
