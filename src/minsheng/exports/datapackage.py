"""A package as a Frictionless data package: datapackage.json describing the CSV files.

The package names its licence, its sources and its publisher (who is also the contact,
see publication.py); each resource names its CSV (one header row of field names), its
format and encoding, and a Table Schema — the fields with their Chinese titles, types and
descriptions, the primary key and the foreign keys between tables — so that tools
(frictionless, pandas readers, CKAN) load the data typed and checked.
See https://specs.frictionlessdata.io/data-package/.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from minsheng.exports.csv import ZIP_TYPE, file_name, table_csv, write_files, zipped
from minsheng.exports.labels import table_name
from minsheng.exports.publication import sources
from minsheng.exports.tables import Package, Table

DESCRIPTOR = "datapackage.json"
SAMPLE_NOTE = "含示例数据：标记 sample_data = true 的行为演示用合成数据，不代表任何地方的真实情况。"
PROFILE = "tabular-data-package"


def descriptor(package: Package) -> dict[str, Any]:
    """The datapackage.json content for `package`."""
    found: dict[str, Any] = {
        "profile": PROFILE,
        "name": package.name,
        "title": package.title,
        "licenses": package.publication.licences(),
        "sources": sources(package.title),
        "contributors": package.publication.contributors(package.region),
        "resources": [_resource(table) for table in package.tables],
    }
    if package.sample_data:  # a custom property, as the Data Package spec allows
        found["title"] = f"{package.title}（含示例数据）"
        found["sample_data"] = True
        found["description"] = SAMPLE_NOTE
    return found


def _resource(table: Table) -> dict[str, Any]:
    return {
        "profile": "tabular-data-resource",
        "name": table.name,
        "title": table_name(table.name),
        "description": table.title,
        "path": file_name(table),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": _schema(table),
    }


def _schema(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [
            {"name": f.name, "title": label, "type": f.type, "description": f.description}
            for f, label in zip(table.fields, table.labels, strict=True)
        ],
        "missingValues": [""],
    }
    if table.primary_key:
        schema["primaryKey"] = list(table.primary_key)
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": list(key.fields),
                "reference": {"resource": key.resource, "fields": list(key.reference)},
            }
            for key in table.foreign_keys
        ]
    return schema


class DataPackageFormat:
    """datapackage.json and one CSV per table, in a folder or a zip."""

    name = "datapackage"
    suffix = ".datapackage.zip"
    media_type = ZIP_TYPE

    def files(self, package: Package) -> dict[str, bytes]:
        text = json.dumps(descriptor(package), ensure_ascii=False, indent=2) + "\n"
        files = {DESCRIPTOR: text.encode("utf-8")}
        files.update({file_name(table): table_csv(table, bom=False) for table in package.tables})
        return files

    def to_bytes(self, package: Package) -> bytes:
        return zipped(self.files(package))

    def write(self, package: Package, path: Path) -> Path:
        return write_files(self.files(package), path)
