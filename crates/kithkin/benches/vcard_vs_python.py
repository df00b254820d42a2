#!/usr/bin/env python3
"""Benchmark: the whole `kithkin import vcard` (database writes included) against Python's
vobject parsing the same file, side by side.

    cargo bench -p kithkin-formats --bench vcard     # writes /tmp/kithkin-vcard-bench-100k.vcf
    cargo build --release -p kithkin
    python3 -m pip install vobject
    python3 crates/kithkin/benches/vcard_vs_python.py [--vcf FILE] [--runs 3]

vobject is timed as the issue asks: `vobject.readComponents(text, allowQP=True)` over the
whole file, counting the cards (parse alone; nothing stored). Kithkin is timed as a user runs
it: `kithkin --db NEW.db import vcard FILE`, a fresh SQLite database each run, so every card
becomes a person with emails, phone, organisation, birthday, note and full-text documents.
Each side's best of `--runs` is reported, with the CPU time Kithkin used (user + system),
since on a shared machine the wall clock also measures the neighbours.
"""

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time


def time_vobject(path):
    try:
        import vobject
    except ImportError:
        sys.exit("vobject is not installed: python3 -m pip install vobject")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    t = time.perf_counter()
    cards = sum(1 for _ in vobject.readComponents(text, allowQP=True))
    return time.perf_counter() - t, cards


def time_kithkin(path, kithkin):
    work = tempfile.mkdtemp(prefix="kithkin-vcard-")
    try:
        db = os.path.join(work, "import.db")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        res = subprocess.run([kithkin, "--db", db, "--json", "import", "vcard", path],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if res.returncode != 0:
            sys.exit(f"kithkin import vcard failed ({res.returncode}):\n{res.stderr.decode()}")
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return wall, cpu, res.stdout.decode()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--vcf", default=os.environ.get("KITHKIN_VCARD_BENCH_FILE",
                                                    "/tmp/kithkin-vcard-bench-100k.vcf"))
    ap.add_argument("--kithkin", default=os.path.join(
        os.environ.get("CARGO_TARGET_DIR", "target"), "release", "kithkin"))
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    if not os.path.exists(args.vcf):
        sys.exit(f"{args.vcf} not found: cargo bench -p kithkin-formats --bench vcard")
    if not os.path.exists(args.kithkin):
        sys.exit(f"{args.kithkin} not found: cargo build --release -p kithkin")
    print(f"file: {args.vcf} ({os.path.getsize(args.vcf) / 1e6:.1f} MB); "
          f"load average {os.getloadavg()[0]:.2f}")

    py = min(time_vobject(args.vcf) for _ in range(args.runs))
    py_rate = py[1] / py[0]
    print(f"vobject.readComponents: {py[1]} cards in {py[0]:.2f} s = {py_rate:,.0f} cards/s")

    runs = [time_kithkin(args.vcf, args.kithkin) for _ in range(args.runs)]
    wall, cpu, out = min(runs)
    import json
    report = json.loads(out)
    cards = report["created"] + report["updated"] + report["unchanged"]
    if cards != py[1]:
        sys.exit(f"kithkin imported {cards} cards, vobject read {py[1]}")
    rate = cards / wall
    print(f"kithkin import vcard:   {cards} cards in {wall:.2f} s = {rate:,.0f} cards/s "
          f"(CPU {cpu:.2f} s user+sys)")
    print(f"ratio (whole import / vobject parse): {rate / py_rate:.2f}x  (target >= 10x)")


if __name__ == "__main__":
    main()
