#!/usr/bin/env bash
# The action's install step: builds cognito-lint from the action's own checkout
# (COGNITO_LINT_SOURCE) into COGNITO_LINT_ROOT, unless the binary there (restored from the
# cache) already is this version.
set -euo pipefail
source_dir="${COGNITO_LINT_SOURCE:?the folder of the cognito-lint sources}"
root="${COGNITO_LINT_ROOT:?where to install}"
want="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$source_dir/Cargo.toml" | head -n 1)"
bin="$root/bin/cognito-lint"
if [ -x "$bin" ] && [ "$("$bin" --version)" = "cognito-lint $want" ]; then
  echo "cognito-lint $want: cached"
  exit 0
fi
command -v cargo >/dev/null || {
  echo "::error::cognito-lint needs a Rust toolchain (cargo) to build; GitHub's hosted runners have one" >&2
  exit 2
}
cargo install --locked --quiet --root "$root" --path "$source_dir"
"$bin" --version
