#!/usr/bin/env bash
# Start a real `mlflow server` (pinned version) on loopback, serving a COPY of an SQLite store.
#
#   bash scripts/mlflow/serve.sh [--db PATH] [--port PORT] [--workers N] [--python PY] [--app-name NAME]
#
#   --db       SQLite store to serve (default: demo/mlflow/sqlite/mlflow.db).
#              It is copied into a fresh temp dir first: the server opens the database
#              read-write and runs alembic migrations on start, so the fixture is never
#              served directly.
#   --port     default 5055 (use 0 to pick a free port).
#   --workers  uvicorn worker processes, default 1 (least memory).
#   --python   python of the venv (default: .venv/mlflow/bin/python; run setup_venv.sh first;
#              another version's venv: bash scripts/mlflow/setup_venv.sh 2.x-last).
#   --app-name e.g. basic-auth: MLflow's own authentication app (admin password from
#              MLFLOW_AUTH_ADMIN_PASSWORD, which mlflow 3.x requires; users in basic_auth.db in
#              the temp dir). Readiness then accepts 401.
#
# Prints `MLFLOW_SERVER_URL=http://127.0.0.1:<port>` on stdout once the server answers
# GET /api/2.0/mlflow/experiments/search?max_results=10, then keeps running in the
# foreground until it gets SIGTERM/SIGINT; the temp dir is removed on exit. Exits non-zero
# if the server does not answer within MLFLOW_SERVE_TIMEOUT seconds (default 60).
#
# Example (tests):
#   bash scripts/mlflow/serve.sh --port 0 > /tmp/mlflow-url &   # then poll /tmp/mlflow-url
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/../.." && pwd)"
db="$repo_root/demo/mlflow/sqlite/mlflow.db"
port=5055
workers=1
app_name=""
py="$repo_root/.venv/mlflow/bin/python"
timeout_s="${MLFLOW_SERVE_TIMEOUT:-60}"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --db) db="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --workers) workers="$2"; shift 2 ;;
    --python) py="$2"; shift 2 ;;
    --app-name) app_name="$2"; shift 2 ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

[[ -f "$db" ]] || { echo "no such database: $db" >&2; exit 2; }
[[ -x "$py" ]] || { echo "no python at $py: run scripts/mlflow/setup_venv.sh" >&2; exit 2; }
py="$(cd "$(dirname "$py")" && pwd)/$(basename "$py")"  # absolute, symlink kept (venv)

if [[ "$port" == "0" ]]; then
  port="$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/mlflow-serve.XXXXXX")"
cp "$db" "$tmp/mlflow.db"
mkdir -p "$tmp/artifacts"

server_pid=""
cleanup() {
  # The server runs in its own process group (setsid): `mlflow server` spawns uvicorn as a
  # child and does not forward signals, so the whole group is signalled.
  if [[ -n "$server_pid" ]] && kill -0 -- "-$server_pid" 2>/dev/null; then
    kill -TERM -- "-$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do  # up to 5 s for live (non-zombie) members to exit
      ps -o stat= -g "$server_pid" 2>/dev/null | grep -qv '^Z' || break
      sleep 0.1
    done
    kill -KILL -- "-$server_pid" 2>/dev/null || true
  fi
  wait "$server_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

export MLFLOW_DISABLE_TELEMETRY=true DO_NOT_TRACK=true GIT_PYTHON_REFRESH=quiet
# mlflow >= 3.5 starts a job runner with ~7 huey consumer processes (~170 MB RSS each) next
# to the web server unless this is off; the lineage tests need none of it.
export MLFLOW_SERVER_ENABLE_JOB_EXECUTION=false
# The auth app's CSRF protection needs a static key; a throwaway one per server unless given.
if [[ -n "$app_name" && -z "${MLFLOW_FLASK_SERVER_SECRET_KEY:-}" ]]; then
  MLFLOW_FLASK_SERVER_SECRET_KEY="$("$py" -c 'import secrets; print(secrets.token_hex(16))')"
  export MLFLOW_FLASK_SERVER_SECRET_KEY
fi
# cwd = temp dir: anything the server writes relative to its cwd stays there.
cd "$tmp"
setsid "$py" -m mlflow server \
    --backend-store-uri "sqlite:///$tmp/mlflow.db" \
    --default-artifact-root "file://$tmp/artifacts" \
    --no-serve-artifacts \
    --host 127.0.0.1 --port "$port" --workers "$workers" \
    ${app_name:+--app-name "$app_name"} \
    >"$tmp/server.log" 2>&1 &
server_pid=$!

url="http://127.0.0.1:$port"
start=$(date +%s.%N)
deadline=$(( $(date +%s) + timeout_s ))
until "$py" - "$url" <<'EOF' 2>/dev/null
import sys, urllib.error, urllib.request
try:
    with urllib.request.urlopen(sys.argv[1] + "/api/2.0/mlflow/experiments/search?max_results=10",
                                timeout=2) as r:
        sys.exit(0 if r.status == 200 else 1)
except urllib.error.HTTPError as e:  # the auth app answers 401 once it is up
    sys.exit(0 if e.code == 401 else 1)
EOF
do
  if ! kill -0 "$server_pid" 2>/dev/null || (( $(date +%s) > deadline )); then
    echo "mlflow server did not start; log:" >&2
    cat "$tmp/server.log" >&2
    exit 1
  fi
  sleep 0.2
done
elapsed=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
echo "mlflow server ready in ${elapsed}s (log: $tmp/server.log)" >&2
echo "MLFLOW_SERVER_URL=$url"
wait "$server_pid"
