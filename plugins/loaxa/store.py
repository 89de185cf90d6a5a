"""A JSON file in the cache that is either whole and checked, or treated as absent."""

from __future__ import annotations

import hashlib
import json
import os
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
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_bytes(_FORMAT.encode() + b"\n" + digest + b"\n" + payload)
    partial.replace(path)
