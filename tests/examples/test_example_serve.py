"""data/examples/serve.sh: valid bash, real module:attribute targets, and both servers start."""

import importlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

MAIN_PY = """\
from fastapi import FastAPI

app = FastAPI()


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_script_is_valid_bash(example_path):
    completed = subprocess.run(
        ["bash", "-n", str(example_path("serve.sh"))], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr


def test_commands_name_existing_targets(example_path):
    script = example_path("serve.sh").read_text(encoding="utf-8")
    code = "\n".join(line.split("#", 1)[0] for line in script.splitlines())
    assert "uvicorn.workers" not in code  # the deprecated worker module

    (worker_path,) = re.findall(r"--worker-class\s+([\w.]+)", script)
    module_name, _, attribute = worker_path.rpartition(".")
    worker_class = getattr(importlib.import_module(module_name), attribute)
    from gunicorn.workers.base import Worker

    assert issubclass(worker_class, Worker)

    # Both commands serve the same application object, "app" in main.py.
    assert set(re.findall(r"exec \w+ (\w+:\w+)", script)) == {"main:app"}
    for command in ("uvicorn", "gunicorn"):
        assert re.search(rf"^\s*exec {command} main:app", script, re.MULTILINE), command


@pytest.mark.parametrize("server", ["uvicorn", "gunicorn"])
def test_server_starts_and_serves_the_app(example_path, tmp_path, server):
    shutil.copy(example_path("serve.sh"), tmp_path / "serve.sh")
    (tmp_path / "main.py").write_text(MAIN_PY, encoding="utf-8")
    port = _free_port()
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "SERVER": server,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WORKERS": "2",
        "PYTHONWARNINGS": "error::DeprecationWarning",
    }
    process = subprocess.Popen(
        ["bash", "serve.sh"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, so the workers stop with it
    )
    try:
        body = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
            except httpx.TransportError:
                time.sleep(0.2)
                continue
            body = response.json()
            break
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        try:
            output, _ = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            output, _ = process.communicate()
    assert body == {"status": "ok"}, output
    assert "DeprecationWarning" not in output, output
