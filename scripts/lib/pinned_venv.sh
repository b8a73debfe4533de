#!/usr/bin/env bash
# Create (or reuse) a Python virtualenv from a pinned requirements file.
#
#   bash scripts/lib/pinned_venv.sh <venv dir> <requirements file> <module to import> [force]
#   -> last line of stdout: the venv's python path
#
# Idempotent: the sha256 of the requirements file is stored in the venv (.requirements.sha256);
# if it matches and the venv's python imports the module, nothing is installed. force=1 reinstalls.
set -euo pipefail

venv_dir="$1"
req_file="$2"
module="$3"
force="${4:-0}"
hash_file="$venv_dir/.requirements.sha256"
python_bin="${PYTHON:-python3}"
label="$(basename "$venv_dir")"

req_hash="$(sha256sum "$req_file" | cut -d' ' -f1)"

if [[ "$force" != "1" && -f "$hash_file" && -x "$venv_dir/bin/python" ]] \
  && [[ "$(cat "$hash_file")" == "$req_hash" ]] \
  && "$venv_dir/bin/python" -c "import $module" >/dev/null 2>&1; then
  echo "$label venv up to date ($venv_dir)" >&2
else
  echo "creating $label venv in $venv_dir" >&2
  if [[ ! -x "$venv_dir/bin/python" ]]; then
    mkdir -p "$(dirname "$venv_dir")"
    "$python_bin" -m venv "$venv_dir"
  fi
  rm -f "$hash_file"
  "$venv_dir/bin/python" -m pip install --disable-pip-version-check --quiet --upgrade pip >&2
  "$venv_dir/bin/python" -m pip install --disable-pip-version-check --quiet -r "$req_file" >&2
  "$venv_dir/bin/python" -c "import $module, sys; print('installed', '$module', getattr($module, '__version__', ''), file=sys.stderr)"
  echo "$req_hash" > "$hash_file"
fi

echo "$venv_dir/bin/python"
