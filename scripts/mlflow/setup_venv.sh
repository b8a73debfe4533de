#!/usr/bin/env bash
# Create (or reuse) the Python virtualenv of one MLflow version used by scripts/mlflow/*.
#
#   bash scripts/mlflow/setup_venv.sh [LABEL]   -> last line of stdout: the venv's python path
#   bash scripts/mlflow/setup_venv.sh --list    -> the labels that have a requirements.txt
#
# LABEL is a folder under scripts/mlflow/versions/ (default 3.x-pinned). Each folder holds
#   requirements.txt  the pins (installed with pip, exactly);
#   python            the Python minor version the venv is built with (e.g. 3.11), picked
#                     from ~/.pyenv/versions/<minor>.* first, then python<minor> on PATH.
# The venv is .venv/mlflow-<LABEL> at the repo root, except 3.x-pinned, which stays
# .venv/mlflow (every existing caller uses that path).
#
# Idempotent: the sha256 of requirements.txt plus the python file is stored in the venv
# (.requirements.sha256); when it matches and the venv holds the mlflow package, nothing is
# installed (a warm call is a hash check: importing mlflow would take seconds). A lock file next to the venv serialises concurrent
# builds of the same version. MLFLOW_VENV_FORCE=1 reinstalls; MLFLOW_VENV_DIR overrides the
# venv path.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/../.." && pwd)"
versions_dir="$script_dir/versions"

if [[ "${1:-}" == "--list" ]]; then
  for d in "$versions_dir"/*/; do [[ -f "$d/requirements.txt" ]] && basename "$d"; done
  exit 0
fi

label="${1:-3.x-pinned}"
dir="$versions_dir/$label"
req_file="$dir/requirements.txt"
[[ -f "$req_file" ]] || { echo "no MLflow version '$label' (no $req_file)" >&2; exit 2; }
[[ -f "$dir/python" ]] || { echo "$dir/python is missing: it names the Python minor version" >&2; exit 2; }
py_minor="$(tr -d '[:space:]' < "$dir/python")"

if [[ "$label" == "3.x-pinned" ]]; then
  default_dir="$repo_root/.venv/mlflow"
else
  default_dir="$repo_root/.venv/mlflow-$label"
fi
venv_dir="${MLFLOW_VENV_DIR:-$default_dir}"
hash_file="$venv_dir/.requirements.sha256"

# The 3.x-pinned hash stays that of requirements.txt alone (as before the version folders),
# so existing venvs are reused; other versions also hash their Python choice.
if [[ "$label" == "3.x-pinned" && "$py_minor" == "3.11" ]]; then
  req_hash="$(sha256sum "$req_file" | cut -d' ' -f1)"
else
  req_hash="$(cat "$req_file" "$dir/python" | sha256sum | cut -d' ' -f1)"
fi

up_to_date() {
  [[ "${MLFLOW_VENV_FORCE:-0}" != "1" && -f "$hash_file" && -x "$venv_dir/bin/python" ]] \
    && [[ "$(cat "$hash_file")" == "$req_hash" ]] \
    && compgen -G "$venv_dir/lib/python*/site-packages/mlflow/__init__.py" >/dev/null
}

pick_python() {
  local p
  for p in "$HOME"/.pyenv/versions/"$py_minor".*/bin/python"$py_minor"; do
    [[ -x "$p" ]] && { echo "$p"; return 0; }
  done
  if command -v "python$py_minor" >/dev/null 2>&1; then command -v "python$py_minor"; return 0; fi
  echo "no Python $py_minor for MLflow $label (looked in ~/.pyenv/versions and PATH)" >&2
  return 1
}

if up_to_date; then
  echo "mlflow venv $label up to date ($venv_dir)" >&2
else
  mkdir -p "$(dirname "$venv_dir")"
  exec 9>"$venv_dir.lock"
  flock 9
  if up_to_date; then
    echo "mlflow venv $label up to date ($venv_dir)" >&2
  else
    echo "creating mlflow venv $label in $venv_dir" >&2
    python_bin="$(pick_python)"
    if [[ -x "$venv_dir/bin/python" ]] && ! "$venv_dir/bin/python" -c "import sys; sys.exit(0 if '%d.%d' % sys.version_info[:2] == '$py_minor' else 1)"; then
      rm -rf "$venv_dir"   # built with another Python
    fi
    [[ -x "$venv_dir/bin/python" ]] || "$python_bin" -m venv "$venv_dir"
    rm -f "$hash_file"
    "$venv_dir/bin/python" -m pip install --disable-pip-version-check --quiet --upgrade pip >&2
    "$venv_dir/bin/python" -m pip install --disable-pip-version-check --quiet -r "$req_file" >&2
    "$venv_dir/bin/python" -c 'import mlflow, sys; print("installed mlflow", mlflow.__version__, "on Python", sys.version.split()[0], file=sys.stderr)'
    echo "$req_hash" > "$hash_file"
  fi
fi

echo "$venv_dir/bin/python"
