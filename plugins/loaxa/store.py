"""A JSON file in the cache that is either whole and checked, or treated as absent."""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from collections.abc import Callable
from pathlib import Path

_FORMAT = "loaxa-store 1"


def load_store(path: Path, on_repair: Callable[[Path], None] | None = None) -> dict:
    """The mapping saved at `path`; empty when there is none. A file that is truncated, edited
    or not understood is removed and reported through `on_repair`, never trusted."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError:
        data = b""
    try:
        header, digest, payload = data.split(b"\n", 2)
        if header.decode() != _FORMAT or hashlib.sha256(payload).hexdigest() != digest.decode():
            raise ValueError(path)
        value = json.loads(payload)
        if not isinstance(value, dict):
            raise ValueError(path)
        return value
    except (ValueError, UnicodeDecodeError):
        path.unlink(missing_ok=True)
        if on_repair is not None:
            on_repair(path)
        return {}


def save_store(path: Path, value: dict) -> None:
    """Write `value` in one step: a killed build leaves the previous file or the new one."""
    payload = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    digest = hashlib.sha256(payload).hexdigest().encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, _FORMAT.encode() + b"\n" + digest + b"\n" + payload)


def write_atomic(path: Path, data: bytes) -> None:
    """`path` holds either its old content or all of `data`, never part of it. The temporary
    file beside it is named `.<name>.<16 hex digits>.tmp`, for cleaners of killed builds."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    try:
        # Not tempfile: its files are private (0600); these keep the usual umask mode.
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
