"""A build that fails, crashes or is killed leaves the previous site exactly as it was; two builds
into one folder never mix."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import post, run_mkdocs, site_config, write_site

# MkDocs hooks standing for a crash or a slow build, switched on by environment variables.
HOOKS = '''
import os, time
from pathlib import Path

def on_env(env, config, files):
    if os.environ.get("LOAXA_TEST_PAUSE"):
        Path(os.environ["LOAXA_TEST_PAUSE"]).write_text("paused")
        time.sleep(float(os.environ.get("LOAXA_TEST_SECONDS", "60")))
    return env

def on_post_page(output, page, config):
    if os.environ.get("LOAXA_TEST_CRASH") and page.url == "":
        raise RuntimeError("crash in the middle of writing pages")
    return output
'''


def hooked_site(root: Path) -> Path:
    posts = {"2025/a.md": post(1, "Tin đầu tiên", slug="tin-dau-tien"),
             "2025/b.md": post(2, "Tin thứ hai", "2025-10-02", slug="tin-thu-hai")}
    write_site(root, posts, site_config() + "hooks:\n  - hooks.py\n")
    (root / "hooks.py").write_text(HOOKS, encoding="utf-8")
    return root


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def start_build(root: Path, **env: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root,
                            env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, encoding="utf-8")


def wait_for(path: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.1)


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site.loaxa-") and p.is_dir())


def built_then_edited(tmp_path: Path, name: str, text: str) -> tuple[Path, dict[str, bytes]]:
    """A site built once, then one post changed: its folder and the files of the first build."""
    root = hooked_site(tmp_path)
    assert run_mkdocs(root).returncode == 0
    before = snapshot(root / "site")
    (root / "posts" / name).write_text(text, encoding="utf-8")
    return root, before


def test_a_post_with_a_mistake_leaves_the_previous_site_as_it_was(tmp_path):
    root, before = built_then_edited(tmp_path, "2025/b.md", post(2, "Tin thứ hai", "2025-13-45"))
    failed = run_mkdocs(root)
    assert failed.returncode == 1
    assert "posts/2025/b.md:4: date:" in failed.output
    assert "trang cũ trong" in failed.output  # the previous site is kept, and staff are told
    assert snapshot(root / "site") == before
    assert leftovers(root) == []


def test_a_crash_while_writing_pages_leaves_the_previous_site_as_it_was(tmp_path):
    root, before = built_then_edited(tmp_path, "2025/a.md", post(1, "Tin đã sửa", slug="tin-dau-tien"))
    crashed = start_build(root, LOAXA_TEST_CRASH="1")
    output, _ = crashed.communicate(timeout=120)
    assert crashed.returncode != 0
    assert "crash in the middle" in output
    assert snapshot(root / "site") == before
    assert leftovers(root) == []


def test_a_killed_build_leaves_the_previous_site_and_the_next_build_cleans_up(tmp_path):
    root, before = built_then_edited(tmp_path, "2025/a.md", post(1, "Tin đã sửa", slug="tin-dau-tien"))
    marker = tmp_path / "paused"
    build = start_build(root, LOAXA_TEST_PAUSE=str(marker))
    wait_for(marker)
    os.kill(build.pid, signal.SIGKILL)
    build.wait(timeout=30)
    assert snapshot(root / "site") == before
    assert len(leftovers(root)) == 1  # the killed build's half-written folder, beside the site
    assert run_mkdocs(root).returncode == 0
    assert leftovers(root) == []
    assert "Tin đã sửa" in (root / "site/tin-dau-tien/index.html").read_text(encoding="utf-8")


def test_a_second_build_into_the_same_folder_refuses_while_the_first_runs(tmp_path):
    root = hooked_site(tmp_path)
    marker = tmp_path / "paused"
    first = start_build(root, LOAXA_TEST_PAUSE=str(marker), LOAXA_TEST_SECONDS="3")
    wait_for(marker)
    second = run_mkdocs(root)
    assert second.returncode == 1
    assert "Đang có một lần dựng trang khác ghi vào" in second.output
    assert "Traceback" not in second.output
    output, _ = first.communicate(timeout=120)
    assert first.returncode == 0, output
    assert "Tin đầu tiên" in (root / "site/tin-dau-tien/index.html").read_text(encoding="utf-8")
    assert (root / "site/posters/1.pdf").read_bytes().startswith(b"%PDF")
    assert run_mkdocs(root).returncode == 0  # the lock went with the first build


def test_a_dirty_build_after_a_full_one_writes_over_the_site(tmp_path):
    root, _ = built_then_edited(tmp_path, "2025/a.md", post(1, "Tin đã sửa", slug="tin-dau-tien"))
    dirty = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--dirty"], cwd=root,
                           capture_output=True, text=True, encoding="utf-8")
    assert dirty.returncode == 0, dirty.stderr
    assert "Traceback" not in dirty.stderr
    assert "Tin đã sửa" in (root / "site/tin-dau-tien/index.html").read_text(encoding="utf-8")
    assert (root / "site/posters/1.pdf").read_bytes().startswith(b"%PDF")
    assert leftovers(root) == []
