"""A site folder that is never half-written: each build writes beside it and swaps in at the end."""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import itertools
import os
import shutil
import threading
from pathlib import Path

from .errors import BuildLockedError
from .i18n import t

try:
    import fcntl
except ImportError:  # Windows: one build at a time is the user's own care there
    fcntl = None  # type: ignore[assignment]

_RENAME_EXCHANGE = 2
_builds = itertools.count(1)


class Staging:
    """The folder a build writes into instead of `site_dir`, and the lock that keeps a second
    build from writing the same site at the same time. `publish()` puts the finished site in
    place in one step; `discard()` leaves the previous site exactly as it was."""

    def __init__(self, site_dir: Path, lang: str = "vi", *, in_place: bool = False) -> None:
        """`in_place`: MkDocs' --dirty, which rebuilds only changed pages over the existing site,
        so the build writes into the site itself (still one build at a time)."""
        self.site_dir = site_dir.resolve()
        self.in_place = in_place
        name = self.site_dir.name
        self._prefix = f".{name}.loaxa-"
        # One process may build many times (a preview server), removing old sites meanwhile.
        self.folder = self.site_dir if in_place else self.site_dir.with_name(
            f"{self._prefix}{os.getpid()}-{next(_builds)}")
        self._lock_path = self.site_dir.with_name(f".{name}.loaxa-lock")
        try:
            self._lock = self._acquire(lang)
            self._remove_leftovers()
            self.folder.mkdir(parents=True, exist_ok=in_place)
        except PermissionError:
            # The site's parent folder cannot be written (a web root): write the site in place,
            # as MkDocs itself would.
            self.in_place, self.folder, self._lock = True, self.site_dir, None
            self.folder.mkdir(parents=True, exist_ok=True)

    def _acquire(self, lang: str) -> int | None:
        self.site_dir.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        if fcntl is None:
            return handle
        try:
            # A POSIX record lock belongs to this process alone: the poster workers it forks do
            # not hold it, so it goes the moment this process ends, even by SIGKILL.
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.EACCES):
                return handle  # a file system without locks: one build at a time is the user's care
            os.close(handle)
            raise BuildLockedError(t("build.locked", lang, site=self.site_dir)) from None
        return handle

    def _remove_leftovers(self) -> None:
        """Folders of builds that were killed: nobody else writes here while we hold the lock."""
        own = f"{self._prefix}{os.getpid()}-"  # being removed by this process already
        for path in sorted(self.site_dir.parent.glob(f"{self._prefix}*")):
            if not path.is_dir() or path.name.startswith(own):
                continue
            if path.name.endswith("-old") and not self.site_dir.exists():
                os.replace(path, self.site_dir)  # killed between the two renames of a swap
            else:
                shutil.rmtree(path, ignore_errors=True)

    def publish(self, *, clean_up_later: bool = False) -> None:
        """Swap the finished site in; the previous one is removed after (`clean_up_later`: in
        the background, for a preview that should show the new pages at once; if the process
        ends first, the next build removes what is left)."""
        if self.in_place:
            self.release()
            return
        if self.site_dir.is_dir() and _exchange(self.folder, self.site_dir):
            old = self.folder
        else:
            old = self.folder.with_name(self.folder.name + "-old")
            try:
                if self.site_dir.exists():
                    os.replace(self.site_dir, old)
                os.replace(self.folder, self.site_dir)
            except OSError:  # the site folder is a mount point: its contents are replaced instead
                if old.exists() and not self.site_dir.exists():
                    os.replace(old, self.site_dir)
                _replace_contents(self.site_dir, self.folder)
                old = self.folder
        self.release()
        if clean_up_later:
            threading.Thread(target=shutil.rmtree, args=(old, True), daemon=True).start()
        else:
            shutil.rmtree(old, ignore_errors=True)

    def discard(self) -> bool:
        """Drop what the build wrote; True when the previous site is as it was (not in place)."""
        if not self.in_place:
            shutil.rmtree(self.folder, ignore_errors=True)
        self.release()
        return not self.in_place

    def release(self) -> None:
        if self._lock is not None:
            os.close(self._lock)  # closing drops the lock
            self._lock = None


def _replace_contents(site: Path, staged: Path) -> None:
    for entry in site.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    shutil.copytree(staged, site, dirs_exist_ok=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2); False where that is not possible."""
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    libc = ctypes.CDLL(name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL, errno.EXDEV, errno.ENOTSUP, errno.EBUSY):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))
