"""The child confining itself before any candidate code runs: Landlock and seccomp (Linux).
Loaded by ``_harness.py`` by file path; never imported by the app. Standard library only.

* Landlock (kernel 5.13+): the process may read only the directories the parent lists (the
  Python runtime and the harness), write only in its working directory, connect or bind no
  TCP port, and (ABI 6+) signal no process and reach no abstract socket outside itself.
  This is what keeps the banks, the data dir and HOME out of reach in the fallback runner,
  where there are no namespaces.
* seccomp: ``socket()`` and ``io_uring_setup()`` fail with EPERM, so no socket of any family
  can be opened (a local PostgreSQL on a unix socket included), and 32-bit or x32 system
  calls, which would slip past the numbers checked, fail too.

Both need ``no_new_privs``, which the harness sets first. Each returns a short description
of what it did, or raises OSError.
"""

from __future__ import annotations

import ctypes
import os
import platform
import struct
from typing import Any

_SYS = {  # landlock_create_ruleset, landlock_add_rule, landlock_restrict_self
    "create": 444, "add": 445, "restrict": 446,
}
_FS_BITS_BY_ABI = {1: 13, 2: 14, 3: 15, 4: 15, 5: 16, 6: 16, 7: 16}
_READ = (1 << 0) | (1 << 2) | (1 << 3)  # EXECUTE, READ_FILE, READ_DIR
_WRITE_FILE = 1 << 1
_TRUNCATE = 1 << 14


def _libc() -> Any:
    return ctypes.CDLL(None, use_errno=True)


def landlock(read: list[str], write: list[str], files: dict[str, bool]) -> str:
    """Allow reading under ``read``, everything under ``write``; ``files`` maps single files
    (devices such as /dev/null) to whether they may be written. Everything else is denied."""
    libc = _libc()
    syscall = libc.syscall
    syscall.restype = ctypes.c_long
    abi = syscall(_SYS["create"], None, 0, 1)  # LANDLOCK_CREATE_RULESET_VERSION
    if abi < 1:
        raise OSError(ctypes.get_errno(), "Landlock is not available")
    bits = _FS_BITS_BY_ABI.get(abi, 16)
    handled_fs = (1 << bits) - 1
    if abi >= 6:
        attr = struct.pack("QQQ", handled_fs, 0b11, 0b11)  # no TCP; no signals/abstract out
    elif abi >= 4:
        attr = struct.pack("QQ", handled_fs, 0b11)
    else:
        attr = struct.pack("Q", handled_fs)
    buf = ctypes.create_string_buffer(attr, len(attr))
    ruleset = syscall(_SYS["create"], buf, len(attr), 0)
    if ruleset < 0:
        raise OSError(ctypes.get_errno(), "landlock_create_ruleset failed")
    try:
        rules: list[tuple[str, int]] = [(p, _READ) for p in read]
        rules += [(p, handled_fs) for p in write]
        for path, writable in files.items():
            rights = (1 << 2) | ((_WRITE_FILE | (_TRUNCATE if abi >= 3 else 0)) if writable else 0)
            rules.append((path, rights))
        for path, rights in rules:
            try:
                fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            except OSError:
                continue
            try:
                if not os.path.isdir(path):
                    rights &= (1 << 0) | (1 << 1) | (1 << 2) | (1 << 14) | (1 << 15)
                beneath = ctypes.create_string_buffer(struct.pack("=Qi", rights & handled_fs, fd),
                                                      12)
                if syscall(_SYS["add"], ruleset, 1, beneath, 0) < 0:
                    raise OSError(ctypes.get_errno(), f"landlock_add_rule failed for {path}")
            finally:
                os.close(fd)
        if syscall(_SYS["restrict"], ruleset, 0) < 0:
            raise OSError(ctypes.get_errno(), "landlock_restrict_self failed")
    finally:
        os.close(ruleset)
    return f"landlock v{abi}"


# seccomp-bpf -------------------------------------------------------------------------------

_ARCH = {  # machine -> (AUDIT_ARCH, socket, io_uring_setup)
    "x86_64": (0xC000003E, 41, 425),
    "aarch64": (0xC00000B7, 198, 425),
}
_LD_W_ABS, _JEQ_K, _JGE_K, _RET_K = 0x20, 0x15, 0x35, 0x06
_ALLOW, _ERRNO_EPERM = 0x7FFF0000, 0x00050000 | 1


def _insn(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("HBBI", code, jt, jf, k)


def no_sockets() -> str:
    """Make socket() and io_uring_setup() fail with EPERM for this process and its children."""
    machine = platform.machine()
    if machine not in _ARCH:
        raise OSError(0, f"no seccomp filter for {machine}")
    arch, sock, uring = _ARCH[machine]
    prog = b"".join([
        _insn(_LD_W_ABS, 0, 0, 4),           # arch
        _insn(_JEQ_K, 1, 0, arch),
        _insn(_RET_K, 0, 0, _ERRNO_EPERM),   # another ABI (i386 int 0x80): refuse it all
        _insn(_LD_W_ABS, 0, 0, 0),           # syscall number
        _insn(_JGE_K, 3, 0, 0x40000000),     # x32
        _insn(_JEQ_K, 2, 0, sock),
        _insn(_JEQ_K, 1, 0, uring),
        _insn(_RET_K, 0, 0, _ALLOW),
        _insn(_RET_K, 0, 0, _ERRNO_EPERM),
    ])
    n = len(prog) // 8
    filters = ctypes.create_string_buffer(prog, len(prog))
    fprog = struct.pack("HxxxxxxP", n, ctypes.addressof(filters))
    fbuf = ctypes.create_string_buffer(fprog, len(fprog))
    libc = _libc()
    if libc.prctl(22, 2, fbuf, 0, 0) != 0:  # PR_SET_SECCOMP, SECCOMP_MODE_FILTER
        raise OSError(ctypes.get_errno(), "seccomp filter refused")
    return "seccomp (no sockets)"


# A user namespace of our own (root under bubblewrap) -----------------------------------------

_CLONE_NEWUSER = 0x10000000
_CAP_VERSION_3 = 0x20080522


def user_namespace() -> str:
    """Enter a new user namespace mapping only our current (unprivileged) uid and gid to
    themselves, then give up every capability that entering it granted. Used as root under
    bubblewrap, after the drop to the private uid: bubblewrap itself cannot put root's
    sandbox in a user namespace without mapping the code to real root."""
    libc = _libc()
    uid, gid = os.getuid(), os.getgid()
    if uid == 0:
        raise OSError(0, "still root: refusing to map root into a user namespace")
    # Changing uid made us non-dumpable, which leaves /proc/self/*_map to root: undo that
    # (only processes of this private uid, inside the sandbox, could then trace us).
    libc.prctl(4, 1, 0, 0, 0)  # PR_SET_DUMPABLE
    if libc.unshare(_CLONE_NEWUSER) != 0:
        raise OSError(ctypes.get_errno(), "unshare(CLONE_NEWUSER) failed")
    for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"),
                       ("gid_map", f"{gid} {gid} 1")):
        with open(f"/proc/self/{name}", "w", encoding="ascii") as fh:
            fh.write(text)
    for cap in range(64):  # the bounding set, while CAP_SETPCAP is still ours
        if libc.prctl(24, cap, 0, 0, 0) != 0 and ctypes.get_errno() == 22:  # PR_CAPBSET_DROP
            break
    header = struct.pack("II", _CAP_VERSION_3, 0)
    data = struct.pack("IIIIII", 0, 0, 0, 0, 0, 0)
    hbuf = ctypes.create_string_buffer(header, len(header))
    dbuf = ctypes.create_string_buffer(data, len(data))
    libc.syscall.restype = ctypes.c_long
    if libc.syscall(126 if platform.machine() == "x86_64" else 91, hbuf, dbuf) != 0:  # capset
        raise OSError(ctypes.get_errno(), "capset failed")
    return "user namespace"
