#!/usr/bin/env bash
# Synthesizes the cdktf app and refreshes the JSON fixtures it produces.
# Needs Python 3 and Node (no terraform binary): the packages install into a venv.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${CDKTF_VENV:-$here/.venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet cdktf==0.21.0 cdktf-cdktf-provider-aws==21.22.1
fi
cd "$here"
rm -rf cdktf.out
"$venv/bin/python" main.py
for stack in cdktf.out/stacks/*/; do
  name="$(basename "$stack")"
  mkdir -p "../fixtures/json/cdktf-$name/cdktf.out/stacks/$name"
  cp "$stack/cdk.tf.json" "../fixtures/json/cdktf-$name/cdktf.out/stacks/$name/cdk.tf.json"
done
rm -rf cdktf.out
echo "synthesized: $(ls -d ../fixtures/json/cdktf-*)"
