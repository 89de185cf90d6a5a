"""Every patch loaxa makes to Material's output finds what it changes in the installed Material,
and a build whose theme no longer has it says so by name instead of shipping unpatched pages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import material
import pytest
from conftest import CATEGORIES, post, site_config, write_site
from loaxa.theme import (
    BUNDLE_GLOB,
    EXCERPT_ACTION,
    SEARCHABLE,
    Patch,
    PatchCounts,
    bundle_patches,
    head_tags,
    search_button,
    search_dialog_name,
    sidebar_name,
)

MATERIAL = Path(material.__file__).resolve().parent / "templates"


def stock_config() -> str:
    """A stock Material blog with Material's own search, so every construct loaxa patches is there."""
    categories = "".join(f"\n        - {c}" for c in CATEGORIES)
    return ("site_name: Xã Thử\nsite_url: https://xa.example.vn/\n"
            "theme:\n  name: material\n  language: vi\n  font: false\n"
            "plugins:\n  - search\n  - blog:\n      blog_dir: .\n      authors: false\n"
            f"      post_url_format: \"{{slug}}\"\n      categories_allowed:{categories}\n")


@pytest.fixture(scope="module")
def stock_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("stock")
    (root / "docs/posts").mkdir(parents=True)
    (root / "docs/index.md").write_text("# Tin mới\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(stock_config(), encoding="utf-8")
    body = "Đoạn mở đầu.\n\n<!-- more -->\n\nĐoạn thứ hai.\n"
    (root / "docs/posts/tin.md").write_text(post(1, "Tin", slug="tin", body=body), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return root / "site"


def found(patch: Patch, text: str) -> int:
    return patch.apply(text)[1]


def test_every_bundle_patch_finds_its_target_in_the_installed_bundle():
    bundles = sorted(MATERIAL.glob(BUNDLE_GLOB))
    assert len(bundles) == 1
    text = bundles[0].read_text(encoding="utf-8")
    for patch in bundle_patches("/"):
        assert found(patch, text) >= 1, patch.name


def test_every_page_patch_finds_its_target_in_pages_material_writes(stock_site):
    article = (stock_site / "tin/index.html").read_text(encoding="utf-8")
    home = (stock_site / "index.html").read_text(encoding="utf-8")
    for patch in (sidebar_name("Thông tin bài viết"), SEARCHABLE, head_tags("<style></style>"),
                  search_button("tim-kiem/", "Tìm kiếm"), search_dialog_name("Tìm kiếm")):
        assert found(patch, article) >= 1, patch.name
    for patch in (EXCERPT_ACTION, head_tags(""), search_button("tim-kiem/", "Tìm kiếm")):
        assert found(patch, home) >= 1, patch.name


def test_patched_pages_have_what_the_patches_promise(stock_site):
    article = (stock_site / "tin/index.html").read_text(encoding="utf-8")
    for patch in (sidebar_name("Thông tin bài viết"), SEARCHABLE, search_button("../tim-kiem/", "Tìm kiếm"),
                  search_dialog_name("Tìm kiếm")):
        article = patch.apply(article)[0]
    assert '<nav class="md-nav md-nav--primary" aria-label="Thông tin bài viết">' in article
    assert "data-pagefind-body" in article
    header = article[article.index("<header"):article.index("</header>")]
    assert 'href="../tim-kiem/"' in header
    assert 'role="dialog" aria-label="Tìm kiếm"' in article


def test_counts_name_only_patches_that_found_nothing_where_they_must():
    counts = PatchCounts()
    counts.apply(sidebar_name("x"), "<html>no sidebar here</html>", ["page", "post"])
    counts.apply(EXCERPT_ACTION, "<html>no excerpt</html>", ["page", "view"])  # only some content has it
    counts.apply(head_tags(""), "<head></head>", ["page"])
    assert counts.missing() == ["html: post sidebar name"]


def test_a_theme_without_the_patched_markup_fails_the_build_by_name(tmp_path):
    """A theme override standing for a future Material that renamed the post sidebar."""
    config = site_config().replace("  font: false\n", "  font: false\n  custom_dir: overrides\n")
    root = write_site(tmp_path, {"a.md": post(1, "Tin", slug="tin")}, config)
    (root / "overrides").mkdir()
    (root / "overrides/blog-post.html").write_text(
        '{% extends "main.html" %}\n{% block content %}<nav class="md-nav md-sidebar-v2">'
        "</nav>{{ page.content }}{% endblock %}\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root,
                          capture_output=True, text=True, encoding="utf-8")
    assert done.returncode != 0
    assert "Material for MkDocs đã thay đổi: bản sửa `html: post sidebar name`" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert not (root / "site").exists()
