"""Plan metadata: region, province, level, title, issue date and period."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from minsheng.ingest.document import Paragraph
from minsheng.ingest.parsers.text import squash
from minsheng.model.gazetteer import KnownRegion, known_regions, province_of, regions_named
from minsheng.model.plan import PERIOD_NAMES, Level, Period, PlanMeta

_PLAN_TITLE = (
    r"(?P<title>(?P<region>[\u4e00-\u9fff]{2,12}?)“(?P<period>十[三四五六]五)”"
    r"(?:基本)?公共服务(?:体系)?(?:发展)?规划)"
)
_TITLE = re.compile(rf"^《?{_PLAN_TITLE}》?$")
_ISSUED_TITLE = re.compile(rf"印发《{_PLAN_TITLE}》")
_FIVE_YEAR_PLANS = {
    name: Period(start=start, end=start + 4) for start, name in PERIOD_NAMES.items()
}
_YEAR_SPAN = re.compile(r"[（(](?P<start>20\d\d)\s*[—–\-~～至到]+\s*(?P<end>20\d\d)\s*年?[）)]")
_ISO_DATE = r"(?P<y>20\d\d)-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
_CN_DATE = r"(?P<y>20\d\d)年(?P<m>\d{1,2})月(?P<d>\d{1,2})日"
_SIGNED = re.compile(rf"成文日期[:：]?(?:{_ISO_DATE}|{_CN_DATE.replace('?P<', '?P<c')})")
_STANDALONE_DATE = re.compile(rf"^{_CN_DATE}$")
_PUBLISHED = re.compile(rf"发布(?:日期|时间)[:：]?{_ISO_DATE}")
_LEVEL_SUFFIXES = (
    ("市", Level.CITY),
    ("州", Level.CITY),
    ("区", Level.DISTRICT),
    ("县", Level.COUNTY),
)
_REGION_PREFIX = re.compile(r"^.+?[市州](?=.+[区县]$)")
HEAD_LINES = 80


def extract_meta(paragraphs: list[Paragraph]) -> PlanMeta:
    """Metadata from the title line, or the notice that issues the plan (印发《…》)."""
    lines = [squash(p.text) for p in paragraphs]
    title = next((m for m in map(_TITLE.match, lines) if m), None) or next(
        (m for m in map(_ISSUED_TITLE.search, lines[:HEAD_LINES]) if m), None
    )
    region_name = _REGION_PREFIX.sub("", title["region"]) if title else _most_named_city(lines)
    known = _known_region(region_name, lines) if region_name else None
    return PlanMeta(
        region=region_name,
        province=_province(known, lines),
        level=_level(region_name),
        title=title["title"] if title else None,
        issue_date=_issue_date(lines),
        period=_FIVE_YEAR_PLANS[title["period"]] if title else _period(lines),
    )


def _known_region(name: str, lines: list[str]) -> KnownRegion | None:
    """The gazetteer's region of this name; where the name repeats (鼓楼区), the one whose
    province the text names most, if the text names one of them at all."""
    named = regions_named(name)
    if len(named) <= 1:
        return named[0] if named else None
    text = "".join(lines)
    counts = Counter({region: _mentions(province_of(region), text) for region in named})
    region, count = counts.most_common(1)[0]
    return region if count else None


def _mentions(region: KnownRegion | None, text: str) -> int:
    return text.count(region.name) if region else 0


def _most_named_city(lines: list[str]) -> str | None:
    """Without a title line, the city the text names most is the plan's. Among the cities
    it names in full at least once (so that 长治 in 长治久安 counts for nobody), each is
    counted by its short name (滁州, as plans mostly write it) plus its province's (a plan
    speaks of its own province: 安徽 for 滁州, nothing extra for 上海, a partner city that
    is a province of its own); full names break ties."""
    text = "".join(lines)
    cities = [r for r in known_regions().values() if r.level == "city" and r.name in text]
    scores = {city.name: (_score(city, text), text.count(city.name)) for city in cities}
    return max(scores, key=scores.__getitem__) if scores else None


def _score(city: KnownRegion, text: str) -> int:
    own = text.count(_short_name(city.name))
    province = province_of(city)
    if province is None or province.name == city.name:
        return own
    return own + text.count(_short_name(province.name))


def _short_name(name: str) -> str:
    """A region's name without 市, 省 or 地区 (自治州, 自治区 and 盟 names are kept whole)."""
    for suffix in ("市", "省", "地区"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name.removesuffix(suffix)
    return name


def _province(known: KnownRegion | None, lines: list[str]) -> str | None:
    province = province_of(known) if known else None
    if province:
        return province.name
    provinces = [r.name for r in known_regions().values() if r.level == "province"]
    text = "".join(lines)
    counts = Counter({name: text.count(name) for name in provinces})
    name, count = counts.most_common(1)[0]
    return name if count else None


def _level(region: str | None) -> Level | None:
    if not region:
        return None
    return next((level for suffix, level in _LEVEL_SUFFIXES if region.endswith(suffix)), None)


def _issue_date(lines: list[str]) -> date | None:
    """The signing date (成文日期 or the date under the signature) before the web date."""
    head = lines[:HEAD_LINES]
    for pattern, search in ((_SIGNED, True), (_STANDALONE_DATE, False), (_PUBLISHED, True)):
        for line in head:
            match = pattern.search(line) if search else pattern.match(line)
            if match:
                return _date_from(match)
    return None


def _date_from(match: re.Match[str]) -> date:
    groups = {key.lstrip("c"): value for key, value in match.groupdict().items() if value}
    return date(int(groups["y"]), int(groups["m"]), int(groups["d"]))


def _period(lines: list[str]) -> Period | None:
    """Without a title, a five-year span the text states ((2026—2030年)), else the period
    the text names most (a plan names its own period more than the one it reviews)."""
    spans = [m for line in lines if (m := _YEAR_SPAN.search(line))]
    spans = [m for m in spans if int(m["end"]) - int(m["start"]) == 4]
    if spans:
        return Period(start=int(spans[0]["start"]), end=int(spans[0]["end"]))
    text = "".join(lines)
    counts = Counter({name: text.count(name) for name in _FIVE_YEAR_PLANS})
    name, count = counts.most_common(1)[0]
    return _FIVE_YEAR_PLANS[name] if count else None
