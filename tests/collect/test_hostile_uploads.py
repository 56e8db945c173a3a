"""Hostile and broken uploads are refused by name, before anything is written: a CSV field
larger than the csv module allows, an unbalanced quote, a workbook that unpacks to a bomb,
a file over the size limit."""

from __future__ import annotations

import csv
import io
import sys
import zipfile

import openpyxl
import pytest

from minsheng.collect.readers import read_observation_file
from minsheng.errors import InputProblem
from minsheng.limits import MAX_FILE_BYTES

HEADER = "地区,指标,年份,数值\n"


@pytest.mark.parametrize("csv_limit", [131_072, sys.maxsize])
def test_a_csv_field_over_the_field_limit_is_named_with_its_line(tmp_path, csv_limit):
    """Whatever a library set the csv module's process-wide limit to (frictionless raises it)."""
    previous = csv.field_size_limit(csv_limit)
    path = tmp_path / "long.csv"
    path.write_text(HEADER + '合肥市,"' + "很" * 200_000 + '",2024,1\n', encoding="utf-8")
    try:
        with pytest.raises(InputProblem, match="第 2 行") as found:
            read_observation_file(path)
    finally:
        csv.field_size_limit(previous)
    assert "long.csv" in str(found.value)


def test_an_unbalanced_quote_is_refused_not_read_as_nothing(tmp_path):
    path = tmp_path / "quote.csv"
    path.write_text(HEADER + '合肥市,"人均预期寿命,2024,80.1\n', encoding="utf-8")
    with pytest.raises(InputProblem, match="CSV"):
        read_observation_file(path)


def _workbook_bomb() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["地区", "指标", "年份", "数值"])
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.endswith("sheet1.xml"):
                data = data.replace(b"</worksheet>", b" " * (60 * 2**20) + b"</worksheet>")
            target.writestr(item.filename, data)
    return bomb.getvalue()


def test_a_workbook_bomb_is_refused_before_it_is_unpacked(tmp_path):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(_workbook_bomb())
    with pytest.raises(InputProblem, match=r"压缩炸弹|unpack"):
        read_observation_file(path)


def test_an_upload_over_the_limit_is_refused_unread(tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as sparse:
        sparse.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(InputProblem, match="MB"):
        read_observation_file(path)
