#!/usr/bin/env bash
# Create (or reuse) the Python virtualenv holding the pinned openlineage-python client, which
# test/openlineageClient.test.ts drives against the server.
#
#   bash scripts/openlineage/setup_venv.sh   -> last line of stdout: the venv's python path
#
# Idempotent (scripts/lib/pinned_venv.sh): keyed by the sha256 of requirements.txt, stored in
# .venv/openlineage/.requirements.sha256. OPENLINEAGE_VENV_FORCE=1 reinstalls;
# OPENLINEAGE_VENV_DIR uses another path.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/../.." && pwd)"
exec bash "$repo_root/scripts/lib/pinned_venv.sh" "${OPENLINEAGE_VENV_DIR:-$repo_root/.venv/openlineage}" "$script_dir/requirements.txt" openlineage.client "${OPENLINEAGE_VENV_FORCE:-0}"
