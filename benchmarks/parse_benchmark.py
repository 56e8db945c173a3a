"""How fast each seed plan parses, against reading the same file, measured in one run.

Run: .venv/bin/python benchmarks/parse_benchmark.py [SEEDS_DIR]
Prints, per seed, the median time to read the document (the baseline: decoding and
splitting lines), to read and parse it completely, their ratio, and the share of the
100 ms budget one plan may take.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from minsheng.ingest import parse_document
from minsheng.ingest.readers import read_document

BUDGET_MS = 100.0
REPEATS = 30


def median_ms(action: Callable[[], object]) -> float:
    samples = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    default = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    seeds = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    print(f"{'seed':28} {'read ms':>8} {'total ms':>9} {'total/read':>10} {'of budget':>9}")
    for path in sorted(seeds.glob("*.txt")):
        read_ms = median_ms(lambda path=path: read_document(path))
        document = read_document(path)
        parse_ms = median_ms(lambda document=document: parse_document(document))
        total = read_ms + parse_ms
        print(
            f"{path.name:28} {read_ms:8.2f} {total:9.2f} {total / read_ms:10.1f}"
            f" {total / BUDGET_MS:8.0%}"
        )


if __name__ == "__main__":
    main()
