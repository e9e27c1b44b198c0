#!/usr/bin/env bash
# Route smoke test for the primary: one prompt, then proof from the route log of that request
# (provider and model as the upstream reported them, and no fallback lines).
set -euo pipefail

req_id=$(switchyard ask --model orion-large --print-request-id "Reply with one word: ready")
route=$(switchyard logs route --request "$req_id" --json)

echo "$route" | grep -q '"provider": "northwind"' || { echo "wrong provider" >&2; exit 1; }
echo "$route" | grep -q '"served_model": "orion-large"' || { echo "wrong model" >&2; exit 1; }
if echo "$route" | grep -q '"fallback": true'; then
  echo "request was served by a fallback route" >&2
  exit 1
fi
echo "route ok: orion-large via northwind (request $req_id)"
