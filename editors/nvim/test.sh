#!/usr/bin/env bash
# Runs test.lua in a headless Neovim on a copy of the fixture. COGNITO_LINT: the binary.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/fixture/main.tf" "$work/main.tf"
cd "$work"
COGNITO_LINT_NVIM_DIR="$here" COGNITO_LINT="$(realpath "${COGNITO_LINT:?set COGNITO_LINT to the binary}")" \
  HOME="$work" timeout 120 nvim --headless --clean -u "$here/test.lua" main.tf
