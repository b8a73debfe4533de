#!/usr/bin/env bash
# Create (or reuse) the Python virtualenv used by scripts/mlflow/*.
#
#   bash scripts/mlflow/setup_venv.sh        -> last line of stdout: the venv's python path
#
# Idempotent (scripts/lib/pinned_venv.sh): the sha256 of requirements.txt is stored in the venv
# (.venv/mlflow/.requirements.sha256); if it matches and the venv's python works, nothing
# is installed. Set MLFLOW_VENV_FORCE=1 to reinstall. Set MLFLOW_VENV_DIR to use another path.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/../.." && pwd)"
exec bash "$repo_root/scripts/lib/pinned_venv.sh" "${MLFLOW_VENV_DIR:-$repo_root/.venv/mlflow}" "$script_dir/requirements.txt" mlflow "${MLFLOW_VENV_FORCE:-0}"
