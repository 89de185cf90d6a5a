"""Video posts that load nothing from the video host until the reader taps."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlparse

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
# Replaces the still with the player when tapped; without JavaScript the link opens the video.
_SCRIPT = (
    "<script>(function(){var d=document.currentScript.previousElementSibling,"
    "a=d.querySelector('a');a.addEventListener('click',function(e){e.preventDefault();"
    "var f=document.createElement('iframe');f.src=d.dataset.embed;f.title=a.getAttribute("
    "'aria-label');f.allow='autoplay; encrypted-media; picture-in-picture; fullscreen';"
    "f.setAttribute('allowfullscreen','');d.replaceChildren(f);f.focus()})})()</script>"
)


def youtube_id(url: str) -> str | None:
    """The video id of a YouTube address (watch, youtu.be, shorts, embed), else None."""
    parts = urlparse(url)
    host = parts.netloc.lower().removeprefix("www.").removeprefix("m.")
    candidate = None
    if host == "youtu.be":
        candidate = parts.path.strip("/").split("/")[0]
    elif host in ("youtube.com", "youtube-nocookie.com"):
        if parts.path == "/watch":
            candidate = parse_qs(parts.query).get("v", [""])[0]
        elif parts.path.startswith(("/shorts/", "/embed/", "/live/")):
            candidate = parts.path.split("/")[2]
    return candidate if candidate and _YOUTUBE_ID.match(candidate) else None


def render_video(url: str, still_html: str, label: str, *, file_url: str | None = None,
                 poster_url: str | None = None, mime: str = "video/mp4") -> str:
    """The player area of a video post. `still_html` is the <img> shown before the tap."""
    escaped_label = html.escape(label, quote=True)
    if file_url is not None:
        poster = f' poster="{html.escape(poster_url, quote=True)}"' if poster_url else ""
        link = html.escape(file_url, quote=True)
        return (f'<div class="loaxa-video"><video controls preload="none"{poster} '
                f'aria-label="{escaped_label}"><source src="{link}" type="{mime}">'
                f'<a href="{link}">{html.escape(label)}</a></video></div>')
    video_id = youtube_id(url)
    link = html.escape(url, quote=True)
    body = (f'<a href="{link}" aria-label="{escaped_label}">{still_html}'
            f'<span class="loaxa-play" aria-hidden="true"></span></a>')
    if video_id is None:
        # Facebook and others: a plain link to the video's own page.
        return f'<div class="loaxa-video">{body}</div>'
    embed = f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1"
    return (f'<div class="loaxa-video" data-embed="{html.escape(embed, quote=True)}">'
            f"{body}</div>{_SCRIPT}")
