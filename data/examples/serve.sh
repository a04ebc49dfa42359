#!/usr/bin/env bash
# Run the ASGI app "app" from main.py in production:  SERVER=uvicorn|gunicorn ./serve.sh
set -euo pipefail

HOST="${HOST:-0.0.0.0}"
PORT="${PORT:-8000}"
WORKERS="${WORKERS:-4}"  # on Kubernetes use 1 per container and scale the pods instead

case "${SERVER:-uvicorn}" in
  uvicorn)
    # Uvicorn's own process manager restarts worker processes that die.
    exec uvicorn main:app --host "$HOST" --port "$PORT" --workers "$WORKERS"
    ;;
  gunicorn)
    # Gunicorn as process manager with the Uvicorn worker class from the uvicorn-worker
    # package (pip install gunicorn uvicorn-worker); uvicorn.workers is deprecated.
    exec gunicorn main:app --workers "$WORKERS" \
      --worker-class uvicorn_worker.UvicornWorker --bind "$HOST:$PORT"
    ;;
  *)
    echo "SERVER must be uvicorn or gunicorn" >&2
    exit 2
    ;;
esac
