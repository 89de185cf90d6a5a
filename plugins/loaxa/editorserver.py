"""`loaxa editor`: the web editor on the office computer, saving into this folder.

It serves admin/ (the published site's editor, with this computer in place of GitHub) and answers
Decap CMS's local backend protocol (that of its `decap-server`: POST /api/v1, one JSON action per
request) in Python, so nothing but loaxa is needed. Every save goes through loaxa's rules: files
are written only inside the posts folder and docs/, never through a link; pictures lose their
location and camera data; a post is never renamed nor deleted; and each save is committed when the
folder is a git repository. GET /api/status gives the problem list `loaxa check` would print.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import unicodedata
import webbrowser
from datetime import datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath

from . import ids
from .addresses import EDITOR_DIR
from .checks import findings, status_of
from .editor import editor_files, editor_pages, site_pages
from .errors import ImageError, LoaxaError
from .i18n import t
from .images import describe_error, is_picture
from .inventory import MEDIA_SUFFIXES, POST_SUFFIX, site_files
from .photos import clean_photo
from .settings import Settings
from .store import write_atomic

_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
          ".css": "text/css; charset=utf-8", ".yml": "text/yaml; charset=utf-8",
          ".wasm": "application/wasm", ".txt": "text/plain; charset=utf-8", "": "text/plain; charset=utf-8"}


class Refused(LoaxaError):
    """A request the backend does not carry out, with the message the editor shows."""


class LocalBackend:
    """Decap CMS's actions on the site's folder."""

    def __init__(self, settings: Settings, *, commit: bool = True) -> None:
        self.settings = settings
        self.root = settings.root.resolve()
        self.lang = settings.lang
        self.folders = (settings.posts_label.strip("/"), settings.docs_dir.name)
        self.git = commit and shutil.which("git") is not None and (self.root / ".git").exists()
        self.lock = threading.Lock()  # one save at a time: files and commits stay in step

    # Paths ---------------------------------------------------------------------------------

    def path(self, relpath: str, *, new: bool = False, folder: bool = False) -> Path:
        """The file `relpath` (as the editor names it, from the site's folder): a post or a
        file a post may use, inside the posts folder or docs/, reached through no link and named
        the same on every system; else `Refused`."""
        relpath = unicodedata.normalize("NFC", str(relpath))
        parts = PurePosixPath(relpath).parts
        refused = Refused(t("editor.refused_path", self.lang, path=relpath))
        if (not parts or parts[0] not in self.folders or relpath.startswith("/")
                or any(_unsafe_name(part) for part in parts)
                or not (folder or relpath.lower().endswith((POST_SUFFIX, *MEDIA_SUFFIXES)))):
            raise refused
        path = self.root.joinpath(*parts)
        for step in [self.root.joinpath(*parts[:n]) for n in range(1, len(parts) + 1)]:
            if step.is_symlink() or (step.exists() and not (step.is_dir() or step.is_file())):
                raise refused
        top = Path(os.path.realpath(self.root / parts[0]))
        if not Path(os.path.realpath(path)).is_relative_to(top):  # a junction, a mount
            raise refused
        if not (new or folder) and not path.is_file():
            raise Refused(t("editor.missing_file", self.lang, path=relpath))
        return path

    def _entry(self, relpath: str) -> dict:
        try:
            data = self.path(relpath).read_bytes()
        except Refused:
            return {"data": None, "file": {"path": relpath, "id": None}}
        return {"data": data.decode("utf-8", "replace"),
                "file": {"path": relpath, "id": hashlib.sha256(data).hexdigest()}}

    def _media(self, relpath: str) -> dict:
        data = self.path(relpath).read_bytes()
        return {"id": hashlib.sha256(data).hexdigest(), "content": base64.b64encode(data).decode(),
                "encoding": "base64", "path": relpath, "name": PurePosixPath(relpath).name}

    def _list(self, folder: str, extension: str, depth: int) -> list[str]:
        try:
            start = self.path(folder.strip("/"), folder=True)
        except Refused:
            return []
        found = []

        def walk(directory: Path, level: int) -> None:
            if level > depth or not directory.is_dir() or directory.is_symlink():
                return
            for child in sorted(directory.iterdir()):
                if child.name.startswith(".") or child.is_symlink():
                    continue
                if child.is_dir():
                    walk(child, level + 1)
                elif (child.is_file() and child.name.endswith(extension)
                      and child.name.lower().endswith((POST_SUFFIX, *MEDIA_SUFFIXES))):
                    found.append(child.relative_to(self.root).as_posix())

        walk(start, 1)
        return found

    # Writing -------------------------------------------------------------------------------

    def _write(self, relpath: str, data: bytes) -> str:
        """Write one file; a picture is stripped of its location and camera data first."""
        path = self.path(relpath, new=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        if is_picture(path.name):
            with tempfile.TemporaryDirectory() as folder:
                source = Path(folder) / ("upload" + path.suffix.lower())
                source.write_bytes(data)
                try:
                    clean_photo(source, path)
                except ImageError as error:
                    raise Refused(describe_error(error, relpath, self.lang)) from None
        elif relpath.endswith(POST_SUFFIX):
            text = unicodedata.normalize("NFC", data.decode("utf-8", "replace")).replace("\r\n", "\n")
            data = text.encode("utf-8")
            if path.is_file():  # an older copy in the editor lacks the id the workflow gave
                data = ids.kept(path.read_bytes(), data)
            write_atomic(path, data)
        else:
            write_atomic(path, data)
        return relpath

    def _commit(self, paths: list[str], message: str) -> None:
        if not self.git or not paths:
            return
        identity = []
        if not _git(self.root, "config", "user.email").stdout.strip():
            identity = ["-c", "user.name=Loa Xã", "-c", "user.email=loaxa@localhost"]
        _git(self.root, "add", "--", *paths)
        _git(self.root, *identity, "commit", "--quiet", "-m", message or "loaxa editor", "--", *paths)

    # The protocol ----------------------------------------------------------------------------

    def handle(self, body: dict) -> object:
        action, params = body.get("action"), body.get("params") or {}
        if action == "info":
            return {"repo": self.root.name, "publish_modes": ["simple"],
                    "type": "local_git" if self.git else "local_fs"}
        if action == "entriesByFolder":
            files = self._list(params["folder"], params.get("extension", ""), int(params.get("depth", 1)))
            return [self._entry(path) for path in files]
        if action == "entriesByFiles":
            return [self._entry(item["path"]) for item in params.get("files", [])]
        if action == "getEntry":
            return self._entry(params["path"])
        if action == "getMedia":
            return [self._media(path) for path in self._list(params["mediaFolder"], "", 1)
                    if not path.endswith(".md")]
        if action == "getMediaFile":
            return self._media(params["path"])
        if action == "getDeployPreview":
            return None
        with self.lock:
            return self._change(action, params)

    def _change(self, action: str, params: dict) -> object:
        options = params.get("options") or {}
        if action == "persistEntry":
            files = params.get("dataFiles") or [params["entry"]]
            if any(item.get("newPath") and item["newPath"] != item["path"] for item in files):
                raise Refused(t("editor.no_rename", self.lang))
            written = [self._write(asset["path"], base64.b64decode(asset["content"]))
                       for asset in params.get("assets", [])]
            written += [self._write(item["path"], str(item["raw"]).encode("utf-8")) for item in files]
            self._commit(written, options.get("commitMessage", ""))
            return {"message": "entry persisted"}
        if action == "persistMedia":
            asset = params["asset"]
            written = self._write(asset["path"], base64.b64decode(asset["content"]))
            self._commit([written], options.get("commitMessage", ""))
            return self._media(written)
        if action in ("deleteFile", "deleteFiles"):
            paths = params.get("paths") or [params["path"]]
            if any(path.endswith(".md") for path in paths):
                raise Refused(t("editor.no_delete", self.lang))
            for path in paths:
                self.path(path).unlink()
            self._commit(paths, options.get("commitMessage", ""))
            return {"message": "deleted"}
        raise Refused(t("editor.unknown_action", self.lang, action=action))

    def status(self) -> dict:
        """The problem list `loaxa check` would print, for the editor; a post waiting for its
        id is not a problem here (the publish workflow numbers it)."""
        return status_of(self.settings, findings(self.settings, provisional=True),
                         datetime.now().isoformat(timespec="seconds"))


_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}


def _unsafe_name(part: str) -> bool:
    """A name that leads elsewhere or means something else on some system: "..", a hidden
    file (the record of addresses), a drive ("C:"), a Windows device name, a trailing dot."""
    return (part in ("", ".", "..") or part.startswith(".") or any(c in part for c in ':\\*?"<>|')
            or part.split(".", 1)[0].lower() in _RESERVED or part.endswith((".", " "))
            or any(ord(c) < 32 for c in part))


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, encoding="utf-8")


def make_server(settings: Settings, port: int, *, preview_url: str | None = None,
                commit: bool = True) -> ThreadingHTTPServer:
    """The editor's server on 127.0.0.1:`port` (0: any free port), not started."""
    backend = LocalBackend(settings, commit=commit)

    class Handler(BaseHTTPRequestHandler):
        server_version = "loaxa-editor"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def _origin_ok(self) -> bool:
            # Only this computer's own pages may write: not another site open in the browser.
            host = f"127.0.0.1:{self.server.server_address[1]}"
            hosts = {host, f"localhost:{self.server.server_address[1]}"}
            origin = self.headers.get("Origin")
            return self.headers.get("Host") in hosts and (origin is None
                                                          or origin.split("//", 1)[-1] in hosts)

        def _send(self, status: int, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _json(self, status: int, value: object) -> None:
            self._send(status, json.dumps(value, ensure_ascii=False).encode("utf-8"),
                       "application/json; charset=utf-8")

        def do_GET(self) -> None:
            try:
                return self._get()
            except Exception as error:  # told in the staff's words, never as a traceback
                message = str(error) if isinstance(error, LoaxaError) else t(
                    "editor.server_error", settings.lang, error=error)
                return self._send(HTTPStatus.INTERNAL_SERVER_ERROR, message.encode("utf-8"),
                                  "text/plain; charset=utf-8")

        def _get(self) -> None:
            if not self._origin_ok():
                return self._send(HTTPStatus.FORBIDDEN, b"", "text/plain")
            path = self.path.split("?", 1)[0]
            if path in ("/", f"/{EDITOR_DIR}"):
                self.send_response(HTTPStatus.FOUND)
                self.send_header("Location", f"/{EDITOR_DIR}/")
                self.end_headers()
                return None
            if path == "/api/status":
                return self._json(HTTPStatus.OK, backend.status())
            site_path = path.lstrip("/")
            if site_path.endswith("/"):
                site_path += "index.html"
            api = f"http://127.0.0.1:{self.server.server_address[1]}/api/v1"
            docs = site_files(settings.docs_dir)
            pages = editor_pages(settings, site_pages(settings, docs), local_api=api, preview_url=preview_url)
            if site_path in pages:
                kind = _TYPES[Path(site_path).suffix]
                return self._send(HTTPStatus.OK, pages[site_path], kind)
            files = editor_files(settings)
            if site_path in files:
                return self._send(HTTPStatus.OK, files[site_path].read_bytes(),
                                  _TYPES.get(Path(site_path).suffix, "application/octet-stream"))
            return self._send(HTTPStatus.NOT_FOUND, b"", "text/plain")

        do_HEAD = do_GET

        def do_POST(self) -> None:
            if self.path != "/api/v1" or not self._origin_ok() or \
                    not self.headers.get("Content-Type", "").startswith("application/json"):
                return self._json(HTTPStatus.FORBIDDEN, {"error": t("editor.refused_request", settings.lang)})
            try:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                return self._json(HTTPStatus.OK, backend.handle(body))
            except Refused as error:
                return self._json(HTTPStatus.UNPROCESSABLE_ENTITY, {"error": str(error)})
            except (KeyError, TypeError, ValueError, AttributeError):
                return self._json(HTTPStatus.UNPROCESSABLE_ENTITY,
                                  {"error": t("editor.refused_request", settings.lang)})
            except OSError as error:
                return self._json(HTTPStatus.INTERNAL_SERVER_ERROR,
                                  {"error": t("editor.write_failed", settings.lang, error=error.strerror)})
            except Exception as error:  # told in the staff's words, never as a traceback
                message = str(error) if isinstance(error, LoaxaError) else t(
                    "editor.server_error", settings.lang, error=error)
                return self._json(HTTPStatus.INTERNAL_SERVER_ERROR, {"error": message})

    return ThreadingHTTPServer(("127.0.0.1", port), Handler)


def run_editor(settings: Settings, config: Path, *, port: int, preview_port: int | None,
               browser: bool) -> int:
    """Serve the editor, and the live preview beside it, until Ctrl+C."""
    lang = settings.lang
    if preview_port and not _free(preview_port):
        print(t("editor.preview_failed", lang, port=preview_port), file=sys.stderr)
        preview_port = None
    preview_url = f"http://127.0.0.1:{preview_port}/" if preview_port else None
    try:
        editor_files(settings)  # the release is checked before anything is served
        server = make_server(settings, port, preview_url=preview_url)
    except LoaxaError as error:
        print(error, file=sys.stderr)
        return 1
    except OSError:
        print(t("editor.port_busy", lang, port=port), file=sys.stderr)
        return 1
    preview = None
    if preview_port:
        preview = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-q", "-f", str(config),
                                    "-a", f"127.0.0.1:{preview_port}"], cwd=settings.root)
    url = f"http://127.0.0.1:{server.server_address[1]}/{EDITOR_DIR}/"
    print(t("editor.ready", lang, url=url))
    if preview_url:
        print(t("editor.preview_ready", lang, url=preview_url))
    print(t("editor.stop", lang))
    if browser:
        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if preview is not None:
            preview.terminate()
            try:
                preview.wait(timeout=30)
            except subprocess.TimeoutExpired:
                preview.kill()
    return 0


def _free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True
