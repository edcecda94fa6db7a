"""Where banks and data live. Nothing here touches the disk until a function is called."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_SHIPPED = PACKAGE_DIR / "_shipped"  # present in an installed wheel
JOURNAL_NAME = "journal.jsonl"  # answers on their way to the database (service/journal.py)


def checkout_root() -> Path | None:
    """The repository root when running from a source checkout, else None."""
    root = PACKAGE_DIR.parent
    if (root / "pyproject.toml").is_file() and (root / "question_banks").is_dir():
        return root
    return None


def shipped_dir(name: str) -> Path:
    """``question_banks``, ``rubrics`` or ``schemas`` as shipped with the program."""
    installed = _SHIPPED / name
    if installed.is_dir():
        return installed
    root = checkout_root()
    if root is not None:
        return root / name
    return installed


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir, else INTERVIEW_DATA_DIR, else sessions/ in a checkout, else the user data dir.

    The folder is not created here; callers create it when they write.
    """
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("INTERVIEW_DATA_DIR")
    if env:
        return Path(env).expanduser()
    root = checkout_root()
    if root is not None and (root / "sessions").is_dir():
        return root / "sessions"
    import platformdirs

    return Path(platformdirs.user_data_dir("interview", appauthor=False))


def bank_paths(extra: Sequence[str | os.PathLike[str]] = (), data: Path | None = None,
               *, shipped: bool = True) -> list[Path]:
    """Folders searched for banks and rubrics: shipped ones, INTERVIEW_BANKS, --banks, data/banks.

    INTERVIEW_NO_SHIPPED=1 leaves the shipped library out (for tests and bank authors)."""
    paths: list[Path] = []
    if os.environ.get("INTERVIEW_NO_SHIPPED", "").strip().lower() in ("1", "true", "yes"):
        shipped = False
    if shipped:
        paths += [shipped_dir("rubrics"), shipped_dir("question_banks")]
    env = os.environ.get("INTERVIEW_BANKS")
    if env:
        paths += [Path(p).expanduser() for p in env.split(os.pathsep) if p]
    paths += [Path(p).expanduser() for p in extra]
    if data is not None:
        paths.append(data / "banks")
    return _unique(paths)


def _unique(paths: Iterable[Path]) -> list[Path]:
    seen: set[Path] = set()
    out = []
    for p in paths:
        try:
            key = p.resolve() if p.exists() else p
        except OSError:  # a folder we may not look into: keep it; loading reports it
            key = p
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def cache_dir() -> Path | None:
    """INTERVIEW_CACHE_DIR, else the user cache dir; None when INTERVIEW_CACHE_DIR is ``off``.

    Only derived data lives there (parsed banks): deleting it loses nothing."""
    env = os.environ.get("INTERVIEW_CACHE_DIR")
    if env:
        return None if env.strip().lower() == "off" else Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("interview", appauthor=False))


def tighten_folder(folder: Path) -> None:
    """Make a data folder we own private (0700), unless it is a shared folder.

    A sticky or world-writable folder (/tmp, /var/tmp) and the home folder are left alone:
    a database or journal put there by ``--db /tmp/x.db`` must not lock everyone else out of
    /tmp. Best effort: errors are ignored."""
    import stat

    try:
        info = folder.stat()
        if not info.st_mode & 0o077 or info.st_uid != os.geteuid():
            return
        if info.st_mode & (stat.S_ISVTX | stat.S_IWOTH):
            return
        if folder.resolve() == Path.home().resolve():
            return
        folder.chmod(0o700)
    except (OSError, RuntimeError):
        pass


def write_atomic(file: Path, chunks: Iterable[bytes], *, prefix: str) -> bool:
    """Replace ``file`` with ``chunks`` written in full or not at all (a temporary file in the
    same folder, then a rename). A cache or snapshot that cannot be written only costs
    speed: False then, and nothing is left behind."""
    import tempfile
    from contextlib import suppress

    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=file.parent)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.writelines(chunks)
        os.replace(tmp, file)
    except OSError:
        with suppress(OSError):
            os.unlink(tmp)
        return False
    return True


def files_stamp(parts: Iterable[str], files: Iterable[Path]) -> str:
    """A digest of ``parts`` and each file's name, size and modification time (files that
    cannot be read are left out): what a cache stamps its entries with, so that a new
    version of the code or data that made them retires them."""
    import hashlib

    items = list(parts)
    for f in files:
        try:
            st = f.stat()
        except OSError:
            continue
        items.append(f"{f.name}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("|".join(items).encode()).hexdigest()
