#!/usr/bin/env bash
# The action's lint step: runs COGNITO_LINT on INPUT_PATHS with INPUT_FORMAT in the log, and
# INPUT_SARIF as a second output of the same run when set; INPUT_ARGS is split like a shell
# line (no expansion). Exits with cognito-lint's exit code, and says it in GITHUB_OUTPUT.
set -euo pipefail
bin="${COGNITO_LINT:-cognito-lint}"
read -r -a paths <<<"${INPUT_PATHS:-.}"
read -r -a extra <<<"${INPUT_ARGS:-}"
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
