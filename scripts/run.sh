#!/usr/bin/env bash
# Install what the studio needs (once) and start it on the embedded SQLite store, demo project loaded.
#   ./scripts/run.sh            -> http://127.0.0.1:8501
#   STUDIO_PORT=8600 STUDIO_ADDRESS=0.0.0.0 ./scripts/run.sh   (to let phones on the LAN join a workshop)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/_venv.sh requirements.txt
exec .venv/bin/python -m streamlit run app.py \
  --server.address "${STUDIO_ADDRESS:-127.0.0.1}" --server.port "${STUDIO_PORT:-8501}" "$@"
