"""The editors' guide: every command in it runs as written; every message is explained."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import yaml
from conftest import ROOT
from loaxa.advice import _placeholders
from loaxa.i18n import _STRINGS

GUIDE = ROOT / "docs" / "bien-tap"
ORDER = ["index.md", "viet-bai.md", "xem-truoc.md", "ap-phich.md", "dang-bai.md"]


def guide_commands() -> list[str]:
    commands = []
    for page in ORDER:
        text = (GUIDE / page).read_text(encoding="utf-8")
        for block in re.findall(r"^```sh\n(.*?)^```", text, re.M | re.S):
            commands += [line for line in block.splitlines() if line.strip()]
    return commands


def test_guide_has_the_commands_staff_need():
    joined = "\n".join(guide_commands())
    for needed in ["loaxa new", "loaxa check", "mkdocs serve", "mkdocs build --strict",
                   "loaxa posters", "git push"]:
        assert needed in joined


def test_every_guide_command_runs_as_written(tmp_path):
    site = tmp_path / "trang"
    site.mkdir()
    for name in ["mkdocs.yml", "README.md"]:
        shutil.copy(ROOT / name, site / name)
    for folder in ["docs", "posts"]:
        shutil.copytree(ROOT / folder, site / folder)
    (site / ".venv").symlink_to(Path(sys.prefix))
    env = {**os.environ, "GIT_AUTHOR_NAME": "Cán bộ", "GIT_AUTHOR_EMAIL": "canbo@example.vn",
           "GIT_COMMITTER_NAME": "Cán bộ", "GIT_COMMITTER_EMAIL": "canbo@example.vn"}
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", str(origin)], check=True, env=env)
    for command in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"],
                    ["git", "commit", "-qm", "Trang"], ["git", "remote", "add", "origin", str(origin)],
                    ["git", "push", "-q", "-u", "origin", "main"]):
        subprocess.run(command, cwd=site, check=True, env=env, capture_output=True)

    for command in guide_commands():
        script = f"source .venv/bin/activate && {command}"
        if command.startswith("mkdocs serve"):
            assert serves(site, script, env), command
            continue
        done = subprocess.run(["bash", "-c", script], cwd=site, env=env, capture_output=True,
                              text=True, encoding="utf-8")
        assert done.returncode == 0, (command, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr, command
        if command.startswith("loaxa new"):
            write_the_post(site / done.stdout.splitlines()[0].split(": ", 1)[1])
    log = subprocess.run(["git", "log", "--oneline", "main"], cwd=origin, capture_output=True,
                         text=True, encoding="utf-8").stdout
    assert "Bài mới: họp dân bản Nà Khằn" in log
    assert (site / "ap-phich-thang-10.pdf").is_file()
    assert (site / "site/index.html").is_file()


def write_the_post(path: Path) -> None:
    """What staff do between `loaxa new` and `loaxa check`: replace the sample sentences."""
    lines = path.read_text(encoding="utf-8").split("\n")
    written = ["Bà con bản Nà Khằn họp bàn việc cài VNeID." if line.strip() in _placeholders() else line
               for line in lines]
    assert written != lines
    path.write_text("\n".join(written), encoding="utf-8")


def serves(site: Path, script: str, env: dict) -> bool:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(["bash", "-c", f"{script} -a 127.0.0.1:{port}"], cwd=site, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as page:
                    return page.status == 200
            except OSError:
                time.sleep(0.5)
        return False
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)


def test_every_message_is_explained_in_the_guide():
    text = (GUIDE / "loi-thuong-gap.md").read_text(encoding="utf-8")
    explained = [row.split("|")[1].strip() for row in text.splitlines()
                 if row.startswith("| ") and not row.startswith("| Thông báo")]
    skip = {"post.problems_header", "post.problems_header_check", "post.next_id", "post.advice_header"}
    for key, table in _STRINGS.items():
        if not key.startswith("post.") or key in skip:
            continue
        wrong = table["vi"].format_map(_Blank(posts_dir="posts")).split(" → ")[0]
        assert any(phrase in wrong for phrase in explained), key


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def test_publish_workflow_runs_the_readme_install_and_a_strict_build():
    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"] and triggers["schedule"]
    runs = [step.get("run", "") for step in workflow["jobs"]["build"]["steps"]]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [serve_command] = re.findall(r"^python3 -m venv .*mkdocs serve$", readme, re.M)
    install = serve_command.removesuffix(" && .venv/bin/mkdocs serve")
    assert install in runs
    assert ".venv/bin/mkdocs build --strict" in runs
    uses = [step.get("uses", "") for step in workflow["jobs"]["build"]["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact") for u in uses)
    assert any(s.get("uses", "").startswith("actions/deploy-pages")
               for s in workflow["jobs"]["deploy"]["steps"])


def test_readme_has_exactly_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", setup, re.S)
    assert commands == [
        "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/mkdocs serve",
        "sh scripts/test.sh",
    ]
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert commands[1] in ci
    script = (ROOT / "scripts/test.sh").read_text(encoding="utf-8")
    assert "apt-get install -y -qq $missing" in script and "-m pytest" in script
    for needed in ("chromium", "nodejs", "npm", "npm ci", "ffmpeg"):
        assert needed in script
