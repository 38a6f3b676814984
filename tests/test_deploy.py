"""The deploy recipe (issue 16), as far as this machine allows (it has no container engine):
the Dockerfile and compose.yaml checked for what they promise, and the image's start command
and health check run outside a container, on loopback, against a real store."""

from __future__ import annotations

import json
import re
import subprocess
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest
import yaml
from browser_support import fill_sample_store, free_port

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def _instruction(name: str) -> str:
    """The text of the Dockerfile's (last) instruction `name`, continuation lines joined."""
    joined = DOCKERFILE.replace("\\\n", " ")
    found = re.findall(rf"^{name}\s+(.*)$", joined, flags=re.MULTILINE)
    assert found, f"no {name} in the Dockerfile"
    return found[-1]


def test_the_image_is_slim_built_once_and_run_by_no_root():
    assert _instruction("FROM").startswith("python:3.11-slim")
    user = _instruction("USER")
    assert user and user != "root" and user != "0"
    assert "make setup ingest" in _instruction("RUN")  # gazetteer, regions, static, seeds
    health = _instruction("HEALTHCHECK")
    assert "/_stcore/health" in health and "--interval" in health


def test_compose_runs_the_app_on_postgis_without_a_password_in_it():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    db, app = compose["services"]["db"], compose["services"]["app"]
    assert db["image"].startswith("postgis/postgis:")
    assert app["build"] == "." and app["depends_on"]["db"]["condition"] == "service_healthy"
    url = app["environment"]["CONFLICT_MAP_DB"]
    assert url.startswith("postgresql://") and "@db:5432/" in url
    assert "${POSTGRES_PASSWORD" in db["environment"]["POSTGRES_PASSWORD"]  # from .env


def test_streamlit_config_is_safe_for_a_host():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["headless"] is True
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["enableStaticServing"] is True
    assert config["server"]["maxUploadSize"] > 0
    assert config["browser"]["gatherUsageStats"] is False


def test_the_start_command_and_health_check_run(tmp_path):
    cmd = json.loads(_instruction("CMD"))
    health = json.loads(_instruction("HEALTHCHECK").split("CMD", 1)[1].strip())
    port = str(free_port())
    cmd = [(port if part == "8501" else "127.0.0.1" if part == "0.0.0.0" else part)
           for part in cmd]
    cmd[0] = str(ROOT / cmd[0])
    db = tmp_path / "store.sqlite"
    fill_sample_store(db)
    env = {"CONFLICT_MAP_DB": str(db), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    with open(tmp_path / "serve.log", "wb") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_healthy(port, proc, tmp_path / "serve.log")
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
                assert page.status == 200
            check = [str(ROOT / health[0]), *health[1:]]
            check = [part.replace(":8501/", f":{port}/") for part in check]
            assert subprocess.run(check, cwd=ROOT, timeout=30).returncode == 0
        finally:
            proc.terminate()
            proc.wait(timeout=15)


def _wait_healthy(port: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health",
                                        timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline or proc.poll() is not None:
            pytest.fail(log.read_text(errors="replace"))
        time.sleep(0.3)


def test_secrets_are_never_committed_and_the_example_names_every_setting():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    assert ".streamlit/secrets.toml" not in tracked
    for ignore in (".gitignore", ".dockerignore"):
        assert ".streamlit/secrets.toml" in (ROOT / ignore).read_text(encoding="utf-8")
    example = tomllib.loads((ROOT / ".streamlit" / "secrets.toml.example").read_text(
        encoding="utf-8"))
    assert example["mode"] == "hosted" and example["build_on_start"] is True
    assert set(example["auth"]) == {"redirect_uri", "cookie_secret", "client_id",
                                    "client_secret", "server_metadata_url"}
    assert all("@" in e for e in example["editors"])


def test_the_community_cloud_recipe_installs_the_project_and_npm():
    # Community Cloud reads requirements.txt (pip) and packages.txt (apt) from the root and
    # runs `streamlit run dashboard/app.py`; the project is installed editable so that
    # geo.paths.ROOT is the checkout, where the first start builds data/ and the static files.
    lines = [x.strip() for x in (ROOT / "requirements.txt").read_text().splitlines()
             if x.strip() and not x.startswith("#")]
    assert lines == ["-e ."]
    assert (ROOT / "packages.txt").read_text().split() == ["npm"]
    assert "CONFLICT_MAP_MODE=hosted" in _instruction("ENV")
