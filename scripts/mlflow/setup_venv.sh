#!/usr/bin/env bash
# Create (or reuse) the Python virtualenv used by scripts/mlflow/*.
#
#   bash scripts/mlflow/setup_venv.sh        -> last line of stdout: the venv's python path
#
# Idempotent: the sha256 of requirements.txt is stored in the venv
# (.venv/mlflow/.requirements.sha256); if it matches and the venv's python works, nothing
# is installed. Set MLFLOW_VENV_FORCE=1 to reinstall. Set MLFLOW_VENV_DIR to use another path.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/../.." && pwd)"
venv_dir="${MLFLOW_VENV_DIR:-$repo_root/.venv/mlflow}"
req_file="$script_dir/requirements.txt"
hash_file="$venv_dir/.requirements.sha256"
python_bin="${PYTHON:-python3}"

req_hash="$(sha256sum "$req_file" | cut -d' ' -f1)"

if [[ "${MLFLOW_VENV_FORCE:-0}" != "1" && -f "$hash_file" && -x "$venv_dir/bin/python" ]] \
  && [[ "$(cat "$hash_file")" == "$req_hash" ]] \
  && "$venv_dir/bin/python" -c 'import mlflow' >/dev/null 2>&1; then
  echo "mlflow venv up to date ($venv_dir)" >&2
else
  echo "creating mlflow venv in $venv_dir" >&2
  if [[ ! -x "$venv_dir/bin/python" ]]; then
    mkdir -p "$(dirname "$venv_dir")"
    "$python_bin" -m venv "$venv_dir"
  fi
  rm -f "$hash_file"
  "$venv_dir/bin/python" -m pip install --disable-pip-version-check --quiet --upgrade pip >&2
  "$venv_dir/bin/python" -m pip install --disable-pip-version-check --quiet -r "$req_file" >&2
  "$venv_dir/bin/python" -c 'import mlflow, sys; print("installed mlflow", mlflow.__version__, file=sys.stderr)'
  echo "$req_hash" > "$hash_file"
fi

echo "$venv_dir/bin/python"
