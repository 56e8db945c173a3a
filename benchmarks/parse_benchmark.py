"""How fast each seed plan parses in every format, against reading the same file.

Run: .venv/bin/python benchmarks/parse_benchmark.py [SEEDS_DIR]
Each seed's text parse is rendered as Word and HTML (by the renderers of
tests/ingest/test_formats.py) and the Word file converted to PDF by LibreOffice when
`soffice` is installed. Prints, per seed and format, the median time to read the
document (the baseline), to read and parse it completely, their ratio, and the share of
the 100 ms budget one plan may take; then whether every seed PDF reads and parses within
PDF_GOAL_S (a PDF is read with pdfium and pdfplumber, far slower than text).
"""

from __future__ import annotations

import importlib.util
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from minsheng.ingest import parse_document, parse_file
from minsheng.ingest.readers import read_document

BUDGET_MS = 100.0
REPEATS = 30
MIN_REPEATS = 5
PDF_GOAL_S = 1.0
TIME_LIMIT_S = 2.0  # per measurement: slow formats stop after MIN_REPEATS past this
FORMATS = ("txt", "docx", "html", "pdf")
HEADER = f"{'seed':24} {'fmt':5} {'read ms':>8} {'total ms':>9} {'total/read':>10} {'of budget':>9}"
RENDERERS = Path(__file__).resolve().parents[1] / "tests" / "ingest" / "test_formats.py"


def median_ms(action: Callable[[], object]) -> float:
    """Median of up to REPEATS runs, fewer once TIME_LIMIT_S is spent."""
    samples: list[float] = []
    deadline = time.perf_counter() + TIME_LIMIT_S
    while len(samples) < REPEATS and (len(samples) < MIN_REPEATS or time.perf_counter() < deadline):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def renderers() -> ModuleType:
    """The Word and HTML renderers the format tests use, loaded from their file."""
    spec = importlib.util.spec_from_file_location("format_renderers", RENDERERS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while defining
    spec.loader.exec_module(module)
    return module


def render(seeds: list[Path], out: Path) -> list[Path]:
    """Every seed in every format that can be made here, the .txt itself included."""
    module = renderers()
    files = []
    for seed in seeds:
        plan = parse_file(seed)
        html = out / f"{seed.stem}.html"
        html.write_text(module.render_html(plan), encoding="utf-8")
        files += [seed, module.render_docx(plan, out / f"{seed.stem}.docx"), html]
    return files + to_pdf([path for path in files if path.suffix == ".docx"], out)


def to_pdf(sources: list[Path], out: Path) -> list[Path]:
    """The Word files as PDFs by one LibreOffice run; none when it is not installed."""
    soffice = shutil.which("soffice")
    if soffice is None:
        print("soffice not found: PDF is not measured")
        return []
    command = [soffice, f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless"]
    command += ["--convert-to", "pdf", "--outdir", str(out), *map(str, sources)]
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    return [out / f"{source.stem}.pdf" for source in sources]


def report(path: Path) -> float:
    """Print the file's line; return its read+parse time in ms."""
    read_ms = median_ms(lambda: read_document(path))
    document = read_document(path)
    total = read_ms + median_ms(lambda: parse_document(document))
    print(
        f"{path.stem:24} {path.suffix[1:]:5} {read_ms:8.2f} {total:9.2f}"
        f" {total / read_ms:10.1f} {total / BUDGET_MS:8.0%}"
    )
    return total


def pdf_goal(totals: dict[str, float]) -> str:
    """The goal line: every seed PDF read and parsed within PDF_GOAL_S, the slowest named."""
    if not totals:
        return "PDF goal not measured (no PDFs)"
    stem, slowest = max(totals.items(), key=lambda item: item[1])
    verdict = "ok" if slowest <= PDF_GOAL_S * 1000 else "MISSED"
    goal = f"PDF read+parse <= {PDF_GOAL_S:g} s each: {verdict}"
    return f"{goal} (slowest {stem} {slowest / 1000:.2f} s)"


def main() -> None:
    default = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    seeds = sorted((Path(sys.argv[1]) if len(sys.argv) > 1 else default).glob("*.txt"))
    with tempfile.TemporaryDirectory() as out:
        files = render(seeds, Path(out))
        print(HEADER)
        pdfs = {}
        for path in sorted(files, key=lambda p: (p.stem, FORMATS.index(p.suffix[1:]))):
            total = report(path)
            if path.suffix == ".pdf":
                pdfs[path.stem] = total
        print(pdf_goal(pdfs))


if __name__ == "__main__":
    main()
