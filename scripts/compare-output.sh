#!/usr/bin/env bash
# Proves that a change leaves cognito-lint's command-line output byte-identical: `snapshot` runs
# one binary over a fixed set of inputs, formats and flags and keeps every case's stdout, stderr
# and exit code; `diff` compares two snapshots and lists the cases that differ.
#
#   scripts/compare-output.sh snapshot BIN OUTDIR     # OUTDIR must not exist, or be empty
#   scripts/compare-output.sh diff OUTDIR_A OUTDIR_B  # exit 0: identical, 1: cases differ
#
# Inputs (the script runs from the repository root, so both snapshots see the same relative
# paths): every file under tests/fixtures linted alone; every folder under tests/fixtures, and
# tests/fixtures itself, linted as a folder; examples/, tests/corpus, tests/cdktf (if it holds
# .tf.json); the plan file named explicitly; and the folders in BENCH_TREES (space-separated;
# generate them with ../shared/bench/gen_corpus.py).
#
# Cases: every lint runs with --no-config --no-color, in every format, plain, with
# --show-suppressed and with --statistics (its time line is masked, the only output that varies
# from run to run), and with `-j 1` in compact (the snapshot warns when `-j 1` and the default
# differ). Bench trees run in pretty, compact, json and sarif, with the flag variants only in
# compact (the trees hold no suppression comments, and statistics do not depend on the format).
# Also: --help, --version, `rules`, `rules --format json`, and `explain` for each listed code.
# Every binary runs as `cognito-lint` (a symlink), since clap prints argv[0] in help and usage.
#
# Layout: OUTDIR/CASE/{cmd,stdout,stderr,rc}, CASE like `file:tests~fixtures~X.tf@json@statistics`
# (`/` written `~`, space `+`).
#
# Environment: BENCH_TREES (above); BENCH_PRETTY=0 drops pretty for bench trees; PARALLEL (runs
# at once for the small cases, default: the number of cores; bench trees always run one at a
# time); CASE_TIMEOUT (seconds per run, default 300; a timeout is kept as exit code 124);
# DIFF_LINES (lines of `diff -u` shown per differing file, default 20; 0 shows none).
set -euo pipefail

usage() {
  sed -n '6,7p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# Absolute paths before the cd below, so that arguments relative to the caller still work.
abspath() { realpath -m -- "$1"; }

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export LC_ALL=C
unset NO_COLOR CLICOLOR CLICOLOR_FORCE

formats=(pretty compact json sarif github checkstyle junit gitlab)
variant_format=compact # bench trees: the only format with the flag variants; everywhere: -j 1
timeout_s="${CASE_TIMEOUT:-300}"
parallel="${PARALLEL:-$(nproc)}"
running=0
cases=0

# Case directory name from a kind and a path: `/` becomes `~`, space becomes `+`.
key() {
  local p="${2// /+}"
  printf '%s:%s' "$1" "${p//\//\~}"
}

# run_case NAME ARGS...: runs "$bin" ARGS... and keeps cmd, stdout, stderr, rc in $out/NAME,
# in the background while fewer than $parallel runs are going.
run_case() {
  local name="$1" dir
  shift
  dir="$out/$name"
  if [ -e "$dir" ]; then
    echo "compare-output: duplicate case $name" >&2
    exit 2
  fi
  mkdir "$dir"
  { printf '%q' cognito-lint; printf ' %q' "$@"; echo; } >"$dir/cmd"
  cases=$((cases + 1))
  if [ "$parallel" -le 1 ]; then
    exec_case "$dir" "$@"
    return
  fi
  if [ "$running" -ge "$parallel" ]; then
    wait -n || true # a run that failed to record itself has no rc file: checked at the end
    running=$((running - 1))
  fi
  exec_case "$dir" "$@" &
  running=$((running + 1))
}

exec_case() {
  local dir="$1" rc=0
  shift
  case " $* " in
    *" --statistics "*)
      timeout "$timeout_s" "$bin" "$@" </dev/null >"$dir/stdout" 2>"$dir/stderr.raw" || rc=$?
      sed -E 's/^(  time: +)[0-9]+(\.[0-9]+)? ms$/\1<masked> ms/' "$dir/stderr.raw" >"$dir/stderr"
      rm "$dir/stderr.raw"
      ;;
    *) timeout "$timeout_s" "$bin" "$@" </dev/null >"$dir/stdout" 2>"$dir/stderr" || rc=$? ;;
  esac
  echo "$rc" >"$dir/rc"
}

# Waits for the background runs.
drain() {
  wait
  running=0
}

# lint_cases all|bench PATH FORMATS...
lint_cases() {
  local mode="$1" path="$2" k fmt
  shift 2
  if [ "$mode" = bench ]; then k="$(key bench "$path")"; elif [ -d "$path" ]; then
    k="$(key dir "$path")"
  else
    k="$(key file "$path")"
  fi
  for fmt in "$@"; do
    run_case "$k@$fmt" --no-config --no-color -f "$fmt" "$path"
    if [ "$mode" = all ] || [ "$fmt" = "$variant_format" ]; then
      run_case "$k@$fmt@show-suppressed" --no-config --no-color --show-suppressed -f "$fmt" "$path"
      run_case "$k@$fmt@statistics" --no-config --no-color --statistics -f "$fmt" "$path"
    fi
    if [ "$fmt" = "$variant_format" ]; then
      run_case "$k@$fmt@j1" --no-config --no-color -j 1 -f "$fmt" "$path"
    fi
  done
}

snapshot() {
  [ $# -eq 2 ] || usage
  local bench_trees=() t started=$SECONDS
  bin="$1"
  case "$bin" in
    */*) bin="$(abspath "$bin")" ;;
    *) bin="$(command -v "$bin")" || { echo "compare-output: $1 not found" >&2; exit 2; } ;;
  esac
  [ -f "$bin" ] && [ -x "$bin" ] || { echo "compare-output: $bin is not an executable" >&2; exit 2; }
  out="$(abspath "$2")"
  if [ -e "$out" ] && [ -n "$(ls -A "$out")" ]; then
    echo "compare-output: $out is not empty; give a new folder" >&2
    exit 2
  fi
  for t in ${BENCH_TREES:-}; do
    if [ -d "$t" ]; then
      bench_trees+=("$(abspath "$t")")
    else
      echo "compare-output: bench tree $t does not exist; skipped" >&2
    fi
  done
  mkdir -p "$out"
  link_dir="$(mktemp -d)"
  trap 'rm -rf "$link_dir"' EXIT
  ln -s "$bin" "$link_dir/cognito-lint"
  printf '%s\n' "$bin" >"$out/_binary.txt"
  bin="$link_dir/cognito-lint"
  cd "$root"

  run_case "help" --help
  run_case "version" --version
  run_case "rules" rules
  run_case "rules@json" rules --format json
  run_case "explain:COG101-by-name" explain default-redirect-uri-not-in-callback-urls
  run_case "explain:unknown" explain COG000000
  drain
  local code
  for code in $(grep -oE '^COG[0-9]+' "$out/rules/stdout" | sort -u); do
    run_case "explain:$code" explain "$code"
  done

  local p
  while IFS= read -r -d '' p; do
    lint_cases all "$p" "${formats[@]}"
  done < <(find tests/fixtures -print0 | sort -z) # every file, every folder, tests/fixtures
  lint_cases all examples "${formats[@]}"
  lint_cases all tests/corpus "${formats[@]}"
  if [ -n "$(find tests/cdktf -name '*.tf.json' -print -quit 2>/dev/null)" ]; then
    lint_cases all tests/cdktf "${formats[@]}"
  fi
  # Also among the files above; here named as a user would, with `./`.
  run_case "plan@json" --no-config --no-color -f json ./tests/fixtures/json/plan/plan.json
  drain

  local bf=(compact json sarif)
  [ "${BENCH_PRETTY:-1}" = 0 ] || bf=(pretty "${bf[@]}")
  parallel=1
  for t in "${bench_trees[@]}"; do
    echo "compare-output: bench tree $t ($(find "$t" -type f | wc -l) files)" >&2
    lint_cases bench "$t" "${bf[@]}"
  done

  local d missing=0
  for d in "$out"/*/; do
    [ -e "$d/rc" ] || { echo "compare-output: run not recorded: $d" >&2; missing=1; }
  done
  [ "$missing" -eq 0 ] || exit 2
  local j1 mismatches=0
  for j1 in "$out"/*@j1; do
    if ! cmp -s "${j1%@j1}/stdout" "$j1/stdout" || ! cmp -s "${j1%@j1}/rc" "$j1/rc"; then
      echo "compare-output: warning: -j 1 and default -j differ: ${j1##*/}" >&2
      mismatches=$((mismatches + 1))
    fi
  done
  echo "compare-output: $cases cases in $((SECONDS - started)) s, written to $out" >&2
  [ "$mismatches" -eq 0 ] || echo "compare-output: warning: $mismatches cases differ between -j 1 and default" >&2
}

diff_snapshots() {
  [ $# -eq 2 ] || usage
  local a b d name file differ=0 total=0 lines="${DIFF_LINES:-20}"
  a="$(abspath "$1")"
  b="$(abspath "$2")"
  for d in "$a" "$b"; do
    [ -d "$d" ] || { echo "compare-output: $d is not a snapshot folder" >&2; exit 2; }
  done
  # The usual answer, fast: one process compares everything.
  if diff -rq --exclude=_binary.txt "$a" "$b" >/dev/null 2>&1; then
    total=$(find "$a" -mindepth 1 -maxdepth 1 -type d | wc -l)
    echo "compare-output: all $total cases identical ($a vs $b)"
    return 0
  fi
  while IFS= read -r name; do
    total=$((total + 1))
    if [ ! -d "$a/$name" ]; then
      echo "ONLY IN B: $name: $(cat "$b/$name/cmd")"; differ=$((differ + 1)); continue
    fi
    if [ ! -d "$b/$name" ]; then
      echo "ONLY IN A: $name: $(cat "$a/$name/cmd")"; differ=$((differ + 1)); continue
    fi
    local bad=()
    for file in rc stdout stderr; do
      cmp -s "$a/$name/$file" "$b/$name/$file" || bad+=("$file")
    done
    if [ ${#bad[@]} -gt 0 ]; then
      differ=$((differ + 1))
      echo "DIFFERS: $name (${bad[*]}): $(cat "$a/$name/cmd")"
      if [ "$lines" -gt 0 ]; then
        for file in "${bad[@]}"; do
          diff -u --label "A/$name/$file" --label "B/$name/$file" \
            "$a/$name/$file" "$b/$name/$file" | head -n "$lines" | sed 's/^/    /' || true
        done
      fi
    fi
  done < <( (cd "$a" && find . -mindepth 1 -maxdepth 1 -type d; cd "$b" && find . -mindepth 1 -maxdepth 1 -type d) |
    sed 's|^\./||' | sort -u)
  if [ "$differ" -gt 0 ]; then
    echo "compare-output: $differ of $total cases differ ($a vs $b)"
    exit 1
  fi
  echo "compare-output: all $total cases identical ($a vs $b)"
}

[ $# -ge 1 ] || usage
cmd="$1"
shift
case "$cmd" in
  snapshot) snapshot "$@" ;;
  diff) diff_snapshots "$@" ;;
  *) usage ;;
esac
