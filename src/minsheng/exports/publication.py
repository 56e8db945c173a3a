"""Who publishes open data, under which licence, and whom to ask: a data package's
`licenses`, `sources` and `contributors`.

The defaults suit a city's 发改委 publishing its own plan; a deployment names its own
publisher, contact and licence through the environment (`from_environment`), read by
the web app and the CLI at the edge.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

LICENCES: dict[str, tuple[str, str]] = {
    "CC-BY-4.0": ("Creative Commons Attribution 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    "CC0-1.0": ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "ODC-BY-1.0": ("Open Data Commons Attribution License 1.0", "https://opendatacommons.org/licenses/by/1-0/"),
}  # fmt: skip
DEFAULT_LICENCE = "CC-BY-4.0"
ENVIRONMENT = {
    "licence": "MINSHENG_DATA_LICENSE",
    "publisher": "MINSHENG_DATA_PUBLISHER",
    "email": "MINSHENG_DATA_CONTACT_EMAIL",
}
PLAN_SOURCE = "《{title}》（规划文本）"
VALUES_SOURCE = "各责任单位报送、经审核的监测数据；规划期基期值取自规划文本"


@dataclass(frozen=True)
class Publication:
    licence: str = DEFAULT_LICENCE
    publisher: str | None = None
    """None: the development and reform commission of the plan's region."""
    email: str | None = None

    def licences(self) -> list[dict[str, str]]:
        title, path = LICENCES.get(self.licence, (self.licence, ""))
        found = {"name": self.licence, "title": title}
        return [found | {"path": path}] if path else [found]

    def contributors(self, region: str | None) -> list[dict[str, Any]]:
        """The publisher, who is also the contact (with an e-mail when one is set)."""
        name = self.publisher or (f"{region}发展和改革委员会" if region else "规划编制单位")
        found: dict[str, Any] = {"title": name, "role": "publisher"}
        if self.email:
            found["email"] = self.email
        return [found]


def sources(title: str | None) -> list[dict[str, str]]:
    plan = [{"title": PLAN_SOURCE.format(title=title)}] if title else []
    return [*plan, {"title": VALUES_SOURCE}]


def from_environment(environ: Mapping[str, str]) -> Publication:
    """A deployment's publication from MINSHENG_DATA_LICENSE, _PUBLISHER, _CONTACT_EMAIL."""
    found = {key: environ.get(name) or None for key, name in ENVIRONMENT.items()}
    return Publication(
        licence=found["licence"] or DEFAULT_LICENCE,
        publisher=found["publisher"],
        email=found["email"],
    )
