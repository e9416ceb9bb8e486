"""Run tests/oidc/provider.js (node, oidc-provider) on a free loopback port for a test session."""

import json
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
# Node 22 LTS from the npm registry (the `node` package in package.json): oidc-provider 9 needs it (it
# calls URL.parse, which Debian 12's node 18 lacks), whatever node the system has for running npm.
# Before that is installed, the system's node is tried.
LOCAL_NODE = HERE / "node_modules" / ".bin" / "node"


def node() -> str | None:
    return str(LOCAL_NODE) if LOCAL_NODE.exists() else shutil.which("node")
CLIENT_ID = "designer-tests"
CLIENT_SECRET = "designer-tests-secret-that-is-long-enough"  # noqa: S105 - a test client


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OpenIDProvider:
    """`start(redirect_uri)`, then `set_accounts({...})`; `config` is what the app needs to use it."""

    def __init__(self, accounts_file: Path) -> None:
        self.port = _free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.accounts_file = accounts_file
        self.process: subprocess.Popen | None = None

    @staticmethod
    def available() -> str | None:
        """Why the provider cannot run here, or None."""
        if node() is None:
            return "node is not installed (scripts/install.sh runs npm ci in tests/oidc, which brings it)"
        if not (HERE / "node_modules" / "oidc-provider").is_dir():
            return "oidc-provider is not installed (scripts/install.sh runs npm ci in tests/oidc)"
        return None

    def set_accounts(self, accounts: dict) -> None:
        self.accounts_file.write_text(json.dumps(accounts), encoding="utf-8")

    def start(self, redirect_uri: str, post_logout_redirect_uri: str = "") -> "OpenIDProvider":
        self.set_accounts({})
        env = {
            **os.environ,
            "OIDC_PORT": str(self.port),
            "OIDC_REDIRECT_URI": redirect_uri,
            "OIDC_POST_LOGOUT_REDIRECT_URI": post_logout_redirect_uri,
            "OIDC_CLIENT_ID": CLIENT_ID,
            "OIDC_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_ACCOUNTS_FILE": str(self.accounts_file),
            "NODE_ENV": "development",
        }
        self.log = self.accounts_file.with_suffix(".log")
        with self.log.open("w") as log:  # a file, not a pipe: a chatty provider must never block on it
            self.process = subprocess.Popen(
                [node(), str(HERE / "provider.js")],
                cwd=HERE,
                env=env,  # noqa: S603,S607
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the OpenID provider stopped: {self.log.read_text()}")
            try:
                if requests.get(f"{self.issuer}/.well-known/openid-configuration", timeout=1).ok:
                    return self
            except requests.ConnectionError:
                time.sleep(0.2)
        raise RuntimeError("the OpenID provider did not start within 30 seconds")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)

    @property
    def config(self) -> dict:
        return {"OIDC_ISSUER": self.issuer, "OIDC_CLIENT_ID": CLIENT_ID, "OIDC_CLIENT_SECRET": CLIENT_SECRET}
