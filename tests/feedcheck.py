#!/usr/bin/env python3
"""Validate feed files with the W3C Feed Validator (its source is in ./feedvalidator, W3C licence).

usage: feedcheck.py --base https://example.org/feed.xml FILE [FILE ...]
       (--base: the address the file is published at; each file is checked as if served there;
        with several files, give the site root and --root, the local folder of the site, and each
        file's path below it is appended)
needs: lxml html5lib rdflib in the running Python (the `test` extras)
prints every error and warning the online validator would show ("AA" level), one per line;
exit 0 when there is none, 1 otherwise, 2 when it cannot run.
"""
import argparse
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "feedvalidator" / "src"))
try:
    import feedvalidator
    from feedvalidator import compatibility
    from feedvalidator.formatter.text_plain import Formatter
except ImportError as e:  # pragma: no cover
    print(f"feedcheck: cannot import the validator ({e}); pip install lxml html5lib rdflib", file=sys.stderr)
    sys.exit(2)


def check(data: bytes, base: str) -> tuple[int, int, list[str]]:
    """The errors, the warnings and every message of the validator for a feed published at `base`."""
    try:
        events = feedvalidator.validateString(data, firstOccurrenceOnly=1, base=base)["loggedEvents"]
    except feedvalidator.logging.ValidationFailure as vf:
        events = [vf.event]
    events = compatibility.AA(events)
    errors = sum(isinstance(e, feedvalidator.logging.Error) for e in events)
    warnings = sum(isinstance(e, feedvalidator.logging.Warning) for e in events)
    return errors, warnings, list(Formatter(events))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True,
                    help="published address of the file, or the site root for several")
    ap.add_argument("--root",
                    help="local folder the files' site paths are taken from (with a site-root --base)")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    bad = 0
    for f in a.files:
        p = pathlib.Path(f)
        base = a.base
        if a.root:
            below = p.resolve().relative_to(pathlib.Path(a.root).resolve()).as_posix()
            base = a.base.rstrip("/") + "/" + below
        errors, warnings, lines = check(p.read_bytes(), base)
        print(f"{f}: {errors} errors, {warnings} warnings")
        for line in lines:
            print("  " + line)
        bad += 1 if lines else 0
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
