"""The README's two set-up commands are what CI and users run: test their exact contents.

The test command is read by `.ci/run` from the README itself, so the two cannot drift; here we
check it is found and installs the test extras. The main command is split at `&&`: install
steps are skipped (this environment is the installed one) and every `regionkg` step runs for
real, `regionkg serve` in the background until it answers `/health`.
"""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_command(marker: str) -> str:
    """The bash block that follows ``<!-- marker -->`` in the README."""
    match = re.search(rf"<!-- {marker} -->\s*```bash\n(.+?)\n```", README, re.S)
    assert match, f"README has no {marker} block"
    return match.group(1).strip()


def regionkg_steps(command: str) -> list[list[str]]:
    """The ``regionkg ...`` steps of a ``&&`` chain, as argument lists."""
    steps = [shlex.split(part) for part in command.split("&&")]
    return [s[1:] for s in steps if s and Path(s[0]).name == "regionkg"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_ci_runs_the_readme_test_command() -> None:
    command = readme_command("test-command")
    assert "pytest" in command and ".[test]" in command
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "test-command" in ci, ".ci/run must read the test command from the README"


def test_main_command_runs(tmp_path: Path) -> None:
    steps = regionkg_steps(readme_command("main-command"))
    assert steps, "the main command runs no regionkg step"
    exe = Path(sys.executable).with_name("regionkg")
    env = {**os.environ, "REGIONKG_DATA": str(tmp_path / "store")}
    for args in steps:
        if args[0] == "serve":
            port = free_port()
            proc = subprocess.Popen(
                [str(exe), *args, "--port", str(port)], cwd=ROOT, env=env,
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            )
            try:
                deadline = time.monotonic() + 60
                while True:
                    try:
                        r = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
                        if r.status_code == 200:
                            break
                    except httpx.TransportError:
                        pass
                    assert proc.poll() is None, proc.stdout.read().decode()
                    assert time.monotonic() < deadline, "serve did not answer /health in 60 s"
                    time.sleep(0.3)
                stats = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=10)
                assert stats.status_code == 200
            finally:
                proc.terminate()
                proc.wait(timeout=20)
        else:
            done = subprocess.run(
                [str(exe), *args], cwd=ROOT, env=env, capture_output=True, timeout=300
            )
            assert done.returncode == 0, done.stderr.decode()
            if args[0] == "extract":
                assert b'"entities"' in done.stdout
