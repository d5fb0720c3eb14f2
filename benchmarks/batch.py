"""
``cnbudget batch`` throughput: 200 copies of the seeds with ``--jobs 2`` against ``--jobs 1``.

Run with ``python benchmarks/batch.py`` where cnbudget is installed (``--copies N`` for
another corpus size). Each run is a fresh ``cnbudget batch`` process over the same
files, so the speed-up printed includes starting the pool; on a machine with two idle
cores it should be at least 1.6x.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "seeds"


def run(corpus: Path, jobs: int) -> float:
    """Seconds one ``cnbudget batch`` run over *corpus* takes with *jobs* processes."""
    out = corpus.parent / f"out-{jobs}.jsonl"
    command = [sys.executable, "-m", "cnbudget", "batch", str(corpus), "-o", str(out)]
    start = time.perf_counter()
    subprocess.run([*command, "--jobs", str(jobs)], check=False, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--copies", type=int, default=200, help="files in the corpus")
    args = parser.parse_args()
    seeds = sorted(SEEDS.glob("*.txt"))
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "corpus"
        corpus.mkdir()
        for number in range(args.copies):
            seed = seeds[number % len(seeds)]
            shutil.copyfile(seed, corpus / f"{number:04d}_{seed.name}")
        size = sum(p.stat().st_size for p in corpus.iterdir())
        serial, parallel = run(corpus, 1), run(corpus, 2)
    print(f"{args.copies} files, {size / 1e6:.1f} MB")
    print(f"  --jobs 1: {serial:6.2f} s  ({size / 1e6 / serial:.2f} MB/s)")
    print(f"  --jobs 2: {parallel:6.2f} s  ({size / 1e6 / parallel:.2f} MB/s)")
    print(f"  speed-up: {serial / parallel:.2f}x")


if __name__ == "__main__":
    main()
