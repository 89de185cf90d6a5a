"""Arbitrary titles, descriptions and bodies either build, with every title reading exactly as
written on the page, in its preview tags, in every feed and on its poster, or fail with a clean
message from both the build and `loaxa check`."""

from __future__ import annotations

import html
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import feedparser
from conftest import post, run_mkdocs, write_site
from htmlparse import attrs, h1, texts
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from loaxa.fonts import BOLD, drawable
from posterread import page_text

# Vietnamese letters, the punctuation and symbols staff type or paste, markup characters,
# white space of every kind, controls, emoji and other scripts.
ALPHABET = st.one_of(
    st.sampled_from("aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợ"
                    "úùủũụứừửữựýỳỷỹỵĐÂƯ"),
    st.sampled_from(" \t\u00a0\u2003.,:;!?'\"()[]{}<>&#*_`~|\\/-–—…«»“”‘’%$@+=^"),
    st.sampled_from(["&amp;", "&nbsp;", "<b>", "</i>", "[x](y)", "**", "<!--", "-->", "{{ x }}",
                     "\x0b", "\x07", "\u200b", "\ufeff", "😀", "ꪀꪁ", "→", "№", "✓", "ß", "ﬁ"]),
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
)
TEXT = st.lists(ALPHABET, min_size=1, max_size=24).map("".join)


def loaxa(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "loaxa.cli", *args], cwd=root,
                          capture_output=True, text=True, encoding="utf-8")


def shown(text: str) -> str:
    """How a title reads once published: NFC, white space folded."""
    return " ".join(unicodedata.normalize("NFC", text).split())


@settings(max_examples=10, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(titles=st.lists(TEXT, min_size=3, max_size=3), description=TEXT, body=TEXT)
def test_titles_round_trip_or_fail_cleanly(tmp_path_factory, titles, description, body):
    posts = {
        f"{number}.md": post(number, json.dumps(title, ensure_ascii=False), f"2025-10-0{number}",
                             slug=f"bai-{number}", body=f"{body}\n\nĐoạn hai.\n",
                             description=json.dumps(description, ensure_ascii=False))
        for number, title in enumerate(titles, start=1)
    }
    root = write_site(tmp_path_factory.mktemp("prop"), posts)
    built = run_mkdocs(root)
    checked = loaxa(root, "check")
    assert "Traceback" not in built.output + checked.stdout + checked.stderr
    event("built" if built.returncode == 0 else "refused")
    if built.returncode != 0:
        # A clean refusal, by both, naming a post and its line.
        assert checked.returncode != 0
        assert "posts/" in built.output and "posts/" in checked.stdout + checked.stderr
        return
    assert checked.returncode == 0, checked.stdout + checked.stderr
    rss = feedparser.parse((built.site / "feed.xml").read_bytes())
    atom = feedparser.parse((built.site / "atom.xml").read_bytes())
    feed = json.loads((built.site / "feed.json").read_text(encoding="utf-8"))
    for number, title in enumerate(titles, start=1):
        expected = shown(title)
        page = built.page(f"bai-{number}")
        assert h1(page) == [expected]
        assert texts(page, "title")[0].startswith(expected)
        [og] = attrs(page, "meta", property="og:title")
        assert og["content"] == expected
        # RSS: text as the RSS Profile writes it; Atom: declared HTML, escaped once.
        assert [e.title_detail.value for e in rss.entries if e.link.endswith(f"/bai-{number}/")] == [expected]
        assert [html.unescape(e.title) for e in atom.entries if e.link.endswith(f"/bai-{number}/")] == [
            expected]
        assert [i["title"] for i in feed["items"] if i["url"].endswith(f"/bai-{number}/")] == [expected]
        drawn = "".join(drawable(expected, BOLD).split())
        assert drawn in "".join(page_text(built.site / f"posters/{number}.pdf").split())
