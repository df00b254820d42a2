#!/usr/bin/env python3
"""Benchmark: Python's standard library reading the headers Kithkin needs from a large mbox,
on the file the Rust bench generates, and the whole `kithkin import mbox` command.

    cargo bench -p kithkin-formats --bench mail      # generates /tmp/kithkin-bench.mbox (500 MiB)
    cargo build --release -p kithkin
    python3 crates/kithkin/benches/mbox_vs_python.py [--mbox /tmp/kithkin-bench.mbox]

Python is timed the usual fast way: `mailbox.mbox` with the default compat32 policy (faster
than `email.policy.default`), and for every message `email.utils.getaddresses` on From, To
and Cc and `email.utils.parsedate_to_datetime` on Date (exceptions caught: a bad date is None,
as in Kithkin). That parses each whole message, bodies included, as `mailbox` does. A second
timing (--headers-only, on by default) gives Python its best case: the same mbox table of
contents, but only each message's header block parsed (`email.parser.BytesHeaderParser`).

Compare with the Rust numbers of `cargo bench -p kithkin-formats --bench mail` (MboxReader).
"""

import argparse
import email.parser
import email.utils
import mailbox
import os
import shutil
import subprocess
import sys
import tempfile
import time


def fields(msg):
    """What Kithkin reads: the From/To/Cc addresses and the Date."""
    addresses = 0
    for name in ("From", "To", "Cc"):
        values = msg.get_all(name) or []
        try:
            addresses += sum(1 for _, a in email.utils.getaddresses([str(v) for v in values]) if a)
        except Exception:
            pass
    date = msg.get("Date")
    when = None
    if date is not None:
        try:
            when = email.utils.parsedate_to_datetime(str(date))
        except Exception:
            when = None
    return addresses, when


def time_python_mailbox(path):
    """mailbox.mbox (compat32), every message parsed whole."""
    t = time.perf_counter()
    box = mailbox.mbox(path, create=False)
    n = addresses = dated = 0
    for msg in box:
        a, when = fields(msg)
        n += 1
        addresses += a
        dated += when is not None
    box.close()
    return time.perf_counter() - t, n, addresses, dated


def time_python_headers_only(path):
    """mailbox.mbox's table of contents, then only each header block parsed."""
    t = time.perf_counter()
    box = mailbox.mbox(path, create=False)
    parser = email.parser.BytesHeaderParser()  # compat32
    n = addresses = dated = 0
    for key in box.iterkeys():
        f = box.get_file(key)
        f.readline()  # the "From " envelope line
        head = bytearray()
        for line in f:
            if line in (b"\n", b"\r\n"):
                break
            head += line
        msg = parser.parsebytes(bytes(head))
        a, when = fields(msg)
        n += 1
        addresses += a
        dated += when is not None
    box.close()
    return time.perf_counter() - t, n, addresses, dated


# ---------------------------------------------------------------------------------------------
# THE KITHKIN IMPORT: times the whole `kithkin import mbox` command, database writes included,
# on a fresh temporary SQLite database. Mail import needs "me" and my address (to tell sent
# from received mail), so the database is made with `init` and `me --email` first (not timed);
# `--create-people` makes every correspondent a person, so every message is written.
def time_kithkin_import(path, kithkin=None):
    target = os.environ.get("CARGO_TARGET_DIR", "target")
    kithkin = kithkin or os.path.join(target, "release", "kithkin")
    if not os.path.exists(kithkin):
        print(f"kithkin import mbox not available yet ({kithkin} not found: "
              "cargo build --release -p kithkin)")
        return None
    work = tempfile.mkdtemp(prefix="kithkin-mbox-")
    try:
        db = os.path.join(work, "import.db")
        base = [kithkin, "--db", db]
        probe = subprocess.run(base + ["import", "mbox", "--help"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if probe.returncode != 0:
            print("kithkin import mbox not available yet")
            return None
        for setup in (["init", "--me", "Bench Me", "-q"],
                      ["me", "--email", "me@kithkin.invalid", "-q"]):
            res = subprocess.run(base + setup, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            if res.returncode != 0:
                sys.exit(f"kithkin {' '.join(setup)} failed:\n{res.stderr.decode()}")
        t = time.perf_counter()
        res = subprocess.run(base + ["import", "mbox", "--create-people", path],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        dt = time.perf_counter() - t
        if res.returncode != 0:
            sys.exit(f"kithkin import mbox failed ({res.returncode}):\n{res.stderr.decode()}")
        print("  " + res.stdout.decode().strip().replace("\n", "\n  "))
        return dt
    finally:
        shutil.rmtree(work, ignore_errors=True)
# ---------------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mbox", default=os.environ.get("KITHKIN_BENCH_MBOX", "/tmp/kithkin-bench.mbox"))
    ap.add_argument("--kithkin", default=None, help="the kithkin binary")
    ap.add_argument("--no-headers-only", action="store_true", help="skip the headers-only timing")
    ap.add_argument("--no-full", action="store_true", help="skip the whole-message timing")
    args = ap.parse_args()
    if not os.path.exists(args.mbox):
        sys.exit(f"{args.mbox} not found: cargo bench -p kithkin-formats --bench mail generates it")
    mib = os.path.getsize(args.mbox) / (1 << 20)
    print(f"mbox: {args.mbox} ({mib:.1f} MiB), Python {sys.version.split()[0]}")
    # Warm the page cache as the Rust bench does.
    with open(args.mbox, "rb") as f:
        while f.read(1 << 20):
            pass

    if not args.no_full:
        dt, n, a, d = time_python_mailbox(args.mbox)
        print(f"python mailbox.mbox (compat32, whole messages): {dt:8.2f} s {mib / dt:8.1f} MiB/s"
              f"  ({n} messages, {a} addresses, {d} dated)")
    if not args.no_headers_only:
        dt, n, a, d = time_python_headers_only(args.mbox)
        print(f"python mailbox.mbox toc + header blocks only:  {dt:8.2f} s {mib / dt:8.1f} MiB/s"
              f"  ({n} messages, {a} addresses, {d} dated)")

    dt = time_kithkin_import(args.mbox, args.kithkin)
    if dt is not None:
        print(f"kithkin import mbox (whole command, database included): {dt:8.2f} s "
              f"{mib / dt:8.1f} MiB/s")


if __name__ == "__main__":
    main()
