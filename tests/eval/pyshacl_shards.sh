#!/usr/bin/env bash
# Checks that `policykg validate` and pySHACL agree on the whole law corpus, one
# shard at a time: each top-level folder (and each province of DLC) is loaded into
# a store of its own, validated by policykg, exported and validated by pySHACL.
# A document's graph holds the descriptions of every entity it names, so each
# shard is self-contained and agreement on every shard is agreement on the corpus.
# The whole corpus at once does not fit pySHACL: rdflib held 12.8 GB after 3.5
# minutes of reading its 3.4 GB of N-Quads.
#
#   tests/eval/pyshacl_shards.sh [OUT_DIR [SHARD…]]   (needs target/release/policykg and target/venv;
#                                                    SHARD: only these folder names)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-target/pyshacl-shards}
shift || true
only=("$@")
mkdir -p "$out"
laws=../shared/corpus/laws
bin=target/release/policykg
shards=()
for d in "$laws"/*/; do
  name=$(basename "$d")
  if [ "$name" = DLC ]; then
    for p in "$d"*/; do shards+=("$p"); done
  else
    shards+=("$d")
  fi
done
printf '| shard | documents | triples | policykg validate | pySHACL |\n|---|---|---|---|---|\n'
for shard in "${shards[@]}"; do
  name=$(basename "$shard")
  if [ ${#only[@]} -gt 0 ] && [[ ! " ${only[*]} " == *" $name "* ]]; then continue; fi
  store="$out/$name.store"
  rm -rf "$store"
  docs=$("$bin" load "$shard" --store "$store" 2>&1 | grep -o 'loaded [0-9]* document' | grep -o '[0-9]*')
  ours=$("$bin" validate --store "$store" 2>&1 | tail -1 || true)
  "$bin" export --store "$store" -o "$out/$name.nq"
  triples=$(wc -l < "$out/$name.nq")
  theirs=$(target/venv/bin/python tests/external/pyshacl_report.py ontology/shapes.ttl "$out/$name.nq" \
    | python3 -c 'import json,sys; r=json.load(sys.stdin); print("conforms" if r["conforms"] else str(len(r["results"])) + " results")')
  rm -rf "$store" "$out/$name.nq"
  case "$ours" in conforms*) ours=conforms ;; *) ours=${ours%% focus*} ;; esac
  printf '| %s | %s | %s | %s | %s |\n' "$name" "$docs" "$triples" "$ours" "$theirs"
done
