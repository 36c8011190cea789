#!/usr/bin/env bash
# Builds the fuzzer's seed corpus (fuzz/seeds/) from the repository's own Terraform files: the
# rule fixtures, the syntax corpus and the examples. The first byte of each seed picks how the
# target reads it (0: a .tf file, 1: a .tf.json file; see fuzz_targets/pipeline.rs).
set -euo pipefail
cd "$(dirname "$0")"
rm -rf seeds && mkdir seeds
i=0
while IFS= read -r -d '' f; do
  case "$f" in *COG990*) continue ;; esac   # its client name triggers the debug panic hook
  [ "$(wc -c < "$f")" -le 16000 ] || continue
  case "$f" in
    *.tf.json) { printf '\001'; cat "$f"; } > "seeds/$i" ;;
    *) { printf '\000'; cat "$f"; } > "seeds/$i" ;;
  esac
  i=$((i + 1))
done < <(find ../tests/fixtures ../tests/corpus ../examples \( -name '*.tf' -o -name '*.tf.json' \) -print0 | sort -z)
echo "fuzz/seeds: $i files"
