"""Fetch the web editor (Decap CMS) from the npm registry, check it, and keep it in the package.

    python3 scripts/vendor_editor.py

The release is pinned by version and by the registry's own SHA-512 of its archive; the files kept
are listed with their SHA-256 in `plugins/loaxa/vendor/decap-cms/MANIFEST`, which every build
checks before it publishes them. Run this only to move to another release: change VERSION and
INTEGRITY together, from `npm view decap-cms@<version> dist.integrity`.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import shutil
import sys
import tarfile
import urllib.request
from pathlib import Path

VERSION = "3.16.3"
INTEGRITY = "sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6+z0oIpwUYhUJDYtYw=="
TARBALL = f"https://registry.npmjs.org/decap-cms/-/decap-cms-{VERSION}.tgz"
TARGET = Path(__file__).resolve().parent.parent / "plugins" / "loaxa" / "vendor" / "decap-cms"
# The bundle, the parts it loads on demand (named "<n>.decap-cms.js") and the WebAssembly they
# fetch; the source maps and the second build ("cms.js", for other bundlers) are left out.
KEEP = re.compile(r"^(decap-cms\.js|[0-9]+\.decap-cms\.js|decap-cms\.js\.LICENSE\.txt|[0-9a-f]{20}\.wasm)$")
LICENSE = """MIT License

Copyright (c) 2016 Netlify <decap@p-m.si>

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT
OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


def main() -> int:
    with urllib.request.urlopen(TARBALL, timeout=120) as response:
        archive = response.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(archive).digest()).decode()
    if digest != INTEGRITY:
        print(f"The archive of decap-cms {VERSION} is not the one pinned: {digest}", file=sys.stderr)
        return 1
    if TARGET.exists():
        shutil.rmtree(TARGET)
    TARGET.mkdir(parents=True)
    manifest = []
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in sorted(tar.getmembers(), key=lambda m: m.name):
            name = member.name.removeprefix("package/dist/")
            if not member.isfile() or "/" in name or not KEEP.match(name):
                continue
            data = tar.extractfile(member).read()
            (TARGET / name).write_bytes(data)
            manifest.append(f"{hashlib.sha256(data).hexdigest()}  {name}")
    (TARGET / "LICENSE").write_text(LICENSE, encoding="utf-8")
    (TARGET / "MANIFEST").write_text(f"decap-cms {VERSION}\n" + "\n".join(manifest) + "\n", encoding="utf-8")
    total = sum((TARGET / line.split("  ")[1]).stat().st_size for line in manifest)
    print(f"decap-cms {VERSION}: {len(manifest)} files, {total / 1e6:.1f} MB in {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
