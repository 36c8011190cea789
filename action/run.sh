#!/usr/bin/env bash
# The action's lint step: runs COGNITO_LINT on INPUT_PATHS with INPUT_FORMAT in the log, and
# INPUT_SARIF as a second output of the same run when set; INPUT_ARGS is split like a shell
# line (quotes work, nothing is expanded). Exits with cognito-lint's exit code, and says it in
# GITHUB_OUTPUT.
set -euo pipefail
bin="${COGNITO_LINT:-cognito-lint}"
read -r -a paths <<<"${INPUT_PATHS:-.}"
# Split like a shell line, quotes included, with nothing expanded (Python's shlex; the hosted
# runners have Python 3).
extra=()
args_line="${INPUT_ARGS:-}"
if [ -n "${args_line//[[:space:]]/}" ]; then
  split="$(python3 -c 'import shlex, sys; print("\n".join(shlex.split(sys.argv[1])))' "$args_line" 2>/dev/null)" || {
    echo "::error::cognito-lint: args is not a valid shell line: $args_line" >&2
    exit 2
  }
  mapfile -t extra <<<"$split"
fi
args=(--format "${INPUT_FORMAT:-github}")
if [ -n "${INPUT_SARIF:-}" ]; then
  args+=(--format "sarif=$INPUT_SARIF")
fi
code=0
"$bin" "${args[@]}" "${extra[@]}" -- "${paths[@]}" || code=$?
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "exit-code=$code" >>"$GITHUB_OUTPUT"
fi
exit "$code"
