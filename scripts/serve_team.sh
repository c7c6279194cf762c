#!/usr/bin/env bash
# Serve Border Atlas to a team: app processes on one database, behind Caddy.
#   scripts/serve_team.sh app PORT   one app process, believing the user header only from the proxy
#   scripts/serve_team.sh proxy      Caddy (scripts/team/Caddyfile): sign-in, then the app processes
# Environment: BORDER_ATLAS_DATABASE (the shared PostgreSQL URL, for the apps); ATLAS_APP_ADDRESS (where
# an app listens, 127.0.0.1); BORDER_ATLAS_TRUSTED_PROXY (the proxy's address, 127.0.0.1); ATLAS_SITE
# (Caddy's address, http://:8600); ATLAS_APPS (the app processes, "127.0.0.1:8601 127.0.0.1:8602");
# ATLAS_USERS (Caddy's users file, scripts/team/users); PYTHON (.venv/bin/python).
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
  app)
    port="${2:?usage: serve_team.sh app PORT}"
    export BORDER_ATLAS_IDENTITY="${BORDER_ATLAS_IDENTITY:-proxy}"
    # uvicorn would otherwise take the client's address from X-Forwarded-For when the peer is loopback;
    # the app must see the proxy's own address to know the user header came from it.
    export FORWARDED_ALLOW_IPS=""
    exec "${PYTHON:-.venv/bin/python}" -m streamlit run app.py --server.headless true \
      --server.address "${ATLAS_APP_ADDRESS:-127.0.0.1}" --server.port "$port" --browser.gatherUsageStats false
    ;;
  proxy)
    export ATLAS_SITE="${ATLAS_SITE:-http://:8600}"
    export ATLAS_APPS="${ATLAS_APPS:-127.0.0.1:8601 127.0.0.1:8602}"
    export ATLAS_USERS="${ATLAS_USERS:-$PWD/scripts/team/users}"
    exec caddy run --config scripts/team/Caddyfile --adapter caddyfile
    ;;
  *)
    echo "usage: $0 app PORT | proxy" >&2
    exit 2
    ;;
esac
