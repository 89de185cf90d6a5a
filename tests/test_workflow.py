"""The publish workflow's own steps, run as GitHub runs them (bash, in a clone whose origin is a
real git repository): posts saved from the web editor get their ids and lose their photos' GPS
before anything is built, and the problem list reaches the branch the editor reads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, post, site_config
from loaxa import frontmatter
from loaxa.photos import has_location
from test_photos import jpeg_photo

STEPS = {step.get("name"): step for step in yaml.safe_load(
    (ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))["jobs"]["build"]["steps"]}


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True,
                          encoding="utf-8").stdout


def saved_from_the_editor(title: str, date: str) -> str:
    """A post as Decap CMS writes it: no id."""
    return (f"---\ntitle: {title}\ndate: {date}\ncategories:\n  - Tin tức\ntags: []\ndraft: false\n"
            "---\nĐoạn mở đầu của bài.\n")


@pytest.fixture
def clone(tmp_path):
    """An origin holding a small site, a clone of it as the runner checks it out, and the
    `.venv/bin/loaxa` the steps call."""
    origin, work = tmp_path / "origin.git", tmp_path / "work"
    seed = tmp_path / "seed"
    (seed / "posts/2026").mkdir(parents=True)
    (seed / "docs").mkdir()
    (seed / "docs/index.md").write_text("# Trang chủ\n", encoding="utf-8")
    (seed / "mkdocs.yml").write_text(site_config(), encoding="utf-8")
    (seed / ".gitignore").write_text("/.venv/\n/site/\n/.cache/\n/trang-thai.json\n", encoding="utf-8")
    (seed / "posts/2026/2026-06-01-hop-dan.md").write_text(post(3, "Họp dân", "2026-06-01"), encoding="utf-8")
    git(tmp_path, "init", "-q", "-b", "main", str(seed))
    git(seed, "-c", "user.name=T", "-c", "user.email=t@x.vn", "add", ".")
    git(seed, "-c", "user.name=T", "-c", "user.email=t@x.vn", "commit", "-qm", "Trang")
    git(tmp_path, "clone", "-q", "--bare", str(seed), str(origin))
    git(tmp_path, "clone", "-q", str(origin), str(work))
    runner = work / ".venv/bin/loaxa"
    runner.parent.mkdir(parents=True)
    runner.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m loaxa.cli "$@"\n', encoding="utf-8")
    runner.chmod(0o755)
    return origin, work, seed


def editor_saves(seed: Path, files: dict[str, str | Path]) -> None:
    """What the web editor does on GitHub: a commit on main."""
    git(seed, "pull", "-q", "origin", "main")
    for name, content in files.items():
        target = seed / "posts" / name
        if isinstance(content, Path):
            target.write_bytes(content.read_bytes())
        else:
            target.write_text(content, encoding="utf-8")
    git(seed, "-c", "user.name=Cán bộ", "-c", "user.email=cb@x.vn", "add", ".")
    git(seed, "-c", "user.name=Cán bộ", "-c", "user.email=cb@x.vn", "commit", "-qm", "Thêm bài")
    git(seed, "push", "-q", "origin", "HEAD:main")


def step(work: Path, name: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LOAXA_PUBLISHING": "1"}
    return subprocess.run(["bash", "-e", "-c", STEPS[name]["run"]], cwd=work, env=env, capture_output=True,
                          text=True, encoding="utf-8")


def test_posts_saved_together_get_distinct_ids_and_photos_lose_gps_before_the_build(clone, tmp_path):
    origin, work, seed = clone
    git(seed, "remote", "add", "origin", str(origin))
    photo = jpeg_photo(tmp_path / "IMG_1.jpg")
    # Two staff members save at the same time, one with a phone photo the browser did not clean.
    editor_saves(seed, {"2026/2026-06-10-tap-huan.md": saved_from_the_editor("Tập huấn", "2026-06-10 08:00")
                        .replace("tags: []", "image: img-1.jpg\ntags: []"),
                        "2026/img-1.jpg": photo})
    editor_saves(seed, {"2026/2026-06-10-hop-thon.md": saved_from_the_editor("Họp thôn", "2026-06-10 09:00")})

    done = step(work, "Number new posts and clean photos")
    assert done.returncode == 0, done.stderr
    git(seed, "pull", "-q", "origin", "main")
    ids = {name: frontmatter.read((seed / "posts/2026" / name).read_bytes()).fields["id"].value
           for name in ("2026-06-10-hop-thon.md", "2026-06-10-tap-huan.md")}
    assert sorted(ids.values()) == [4, 5]  # past the 3 already given, one each
    assert not has_location(seed / "posts/2026/img-1.jpg")
    assert git(seed, "log", "-1", "--format=%s") == "Cấp số cho bài mới, xoá vị trí chụp trong ảnh\n"
    # The next run finds nothing to do: an id once given never changes.
    head = git(origin, "rev-parse", "main")
    assert step(work, "Number new posts and clean photos").returncode == 0
    assert git(origin, "rev-parse", "main") == head
    check = step(work, "Check posts")
    assert check.returncode == 0, check.stderr

    # A staff member's tab still holds the copy without id, and saves it again: the id stays.
    editor_saves(seed, {"2026/2026-06-10-hop-thon.md": saved_from_the_editor(
        "Họp thôn (sửa)", "2026-06-10 09:00")})
    assert step(work, "Number new posts and clean photos").returncode == 0
    git(seed, "pull", "-q", "origin", "main")
    fields = frontmatter.read((seed / "posts/2026/2026-06-10-hop-thon.md").read_bytes()).fields
    assert fields["id"].value == ids["2026-06-10-hop-thon.md"] and fields["title"].value == "Họp thôn (sửa)"
    assert fields["slug"].value == "hop-thon"  # the address given with the id, not the new title's
    assert step(work, "Check posts").returncode == 0


def test_the_problem_list_reaches_the_branch_the_editor_reads(clone):
    origin, work, seed = clone
    git(seed, "remote", "add", "origin", str(origin))
    editor_saves(seed, {"2026/2026-06-12-lich.md": saved_from_the_editor("Lịch họp", "2026-06-12 08:00")
                        .replace("Tin tức", "Tin tuc lam")})
    assert step(work, "Number new posts and clean photos").returncode == 0
    check = step(work, "Check posts")
    assert check.returncode == 1
    kept = step(work, "Keep the problem list for the web editor")
    assert kept.returncode == 0, kept.stderr
    report = json.loads(git(origin, "show", "trang-thai:trang-thai.json"))
    assert report["ok"] is False and report["checked"] == git(work, "rev-parse", "HEAD").strip()
    [problem] = report["problems"]
    assert problem["file"] == "posts/2026/2026-06-12-lich.md" and problem["field"] == "categories"
    assert "Tin tuc lam" in problem["message"] and "Tin tức" in problem["message"]
    assert problem["entry"] == "/collections/posts/entries/2026/2026-06-12-lich"
    # Fixed in the browser: the next run clears the list.
    editor_saves(seed, {"2026/2026-06-12-lich.md": (seed / "posts/2026/2026-06-12-lich.md").read_text(
        encoding="utf-8").replace("Tin tuc lam", "Tin tức")})
    assert step(work, "Number new posts and clean photos").returncode == 0
    assert step(work, "Check posts").returncode == 0
    assert step(work, "Keep the problem list for the web editor").returncode == 0
    report = json.loads(git(origin, "show", "trang-thai:trang-thai.json"))
    assert report["ok"] is True and report["problems"] == []


def test_a_refused_push_is_tried_again_from_the_newest_main(clone):
    origin, work, seed = clone
    git(seed, "remote", "add", "origin", str(origin))
    editor_saves(seed, {"2026/2026-06-10-a.md": saved_from_the_editor("Bài A", "2026-06-10 08:00")})
    # The origin refuses the workflow's first push, as GitHub does when main moved meanwhile.
    hook = origin / "hooks/pre-receive"
    hook.write_text(f"""#!/bin/sh
if [ ! -e "{origin}/raced" ]; then
  touch "{origin}/raced"
  echo "rejected: main moved" >&2
  exit 1
fi
""", encoding="utf-8")
    hook.chmod(0o755)
    (origin / "raced").touch()  # the hook lets the staff's own save through
    editor_saves(seed, {"2026/2026-06-10-b.md": saved_from_the_editor("Bài B", "2026-06-10 09:00")})
    (origin / "raced").unlink()
    done = step(work, "Number new posts and clean photos")
    assert done.returncode == 0, done.stderr
    assert (origin / "raced").exists()  # the first push was refused
    git(seed, "pull", "-q", "origin", "main")
    given = [frontmatter.read((seed / "posts/2026" / name).read_bytes()).fields["id"].value
             for name in ("2026-06-10-a.md", "2026-06-10-b.md")]
    assert given == [4, 5]  # both numbered once, by the attempt that was accepted
    assert git(origin, "log", "--format=%s", "-1", "main").startswith("Cấp số cho bài mới")
