"""The staff page that lists every poster and monthly batch, by month."""

from __future__ import annotations

import html
from collections.abc import Sequence

from .dates import format_date
from .i18n import t
from .markup import markdown_text
from .poster import PosterSettings
from .posts import Post
from .text import title_text


def render_posters_page(months: Sequence[tuple[str, Sequence[Post]]], settings: PosterSettings) -> str:
    """Markdown of the page. The PDFs are drawn while the site builds, so they are linked as
    HTML, which MkDocs does not look up among the files it knows."""
    lang = settings.lang
    lines = [f"# {t('posters.title', lang)}", "", t("posters.intro", lang, size=settings.size), ""]
    for month, posts in months:
        year, number = month.split("-")
        lines += [f"## {t('posters.month', lang, month=f'{number}/{year}')}", ""]
        lines.append(f'- <a href="{month}.pdf">{html.escape(t("posters.batch", lang, count=len(posts)))}</a>')
        for post in reversed(posts):
            link = f'<a href="{post.id}.pdf">{markdown_text(title_text(post.title))}</a>'
            lines.append(f"- {link} · {format_date(post.date)}")
        lines.append("")
    return "\n".join(lines)
