"""Sample suggestions (示例数据) for the showcase city: a few residents' messages written
for the demo, some replied by the department the topic routes to, one still open past the
reply time, one awaiting moderation and one rejected as spam; every row flagged sample."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from minsheng.labels import SAMPLE_LABEL
from minsheng.store.repositories import regions
from minsheng.store.repositories import suggestions as repo
from minsheng.store.tables import Plan
from minsheng.usecases.suggestions import SuggestionDraft, reject, reply, route, submit_suggestion
from minsheng.usecases.suggestions.moderate import proposed_department
from minsheng.usecases.users import Account

PLANNER = Account(0, "planner", "planner", None)
FIRST_SENT = datetime(2026, 10, 20, 2, 0, tzinfo=UTC)


@dataclass(frozen=True)
class _Sample:
    domain_prefix: str
    text: str
    fate: str  # replied, open, pending, spam
    reply_after: int = 0  # days
    reply: str = ""


SAMPLES = (
    _Sample("幼有", "小区附近缺少普惠托育机构，双职工家庭接送困难，希望增加托位。", "replied", 6,
            "已将该片区纳入年度普惠托位建设计划，新建托育点预计明年春季开放。"),
    _Sample("病有", "社区卫生服务中心周末只开半天，老人看病不方便，建议延长周末门诊。",
            "replied", 11, "辖区社区卫生服务中心已自下月起实行周末全天门诊。"),
    _Sample("老有", "希望在老旧小区增设老年助餐点，方便行动不便的老人就近用餐。", "open"),
    _Sample("学有", "建议公开义务教育学校划片范围的调整依据，方便家长提前了解。", "pending"),
    _Sample("文体", "低价出售各类商品，请联系。", "spam"),
)  # fmt: skip


def _domain(domains: list[str], prefix: str) -> str | None:
    return next((d for d in domains if d.startswith(prefix)), None)


def add_sample_suggestions(session: Session, plan: Plan) -> int:
    """The samples for `plan`'s city; a topic the plan lacks is left out. Returns the count."""
    domains = repo.plan_domains(session, plan_id=plan.id)
    places = [plan.region, *regions.children(session, region_id=plan.region_id)]
    added = 0
    for number, sample in enumerate(SAMPLES):
        domain = _domain(domains, sample.domain_prefix)
        if domain is not None:
            place = places[(number * 3) % len(places)]
            sent = FIRST_SENT + timedelta(days=5 * number)
            _add(session, plan, domain, region_id=place.id, sample=sample, sent=sent)
            added += 1
    return added


def _add(session: Session, plan: Plan, domain: str, *, region_id: int, sample: _Sample,
         sent: datetime) -> None:  # fmt: skip
    text = f"{sample.text}（{SAMPLE_LABEL}）"
    draft = SuggestionDraft(plan.id, domain, region_id, text, contact=f"{SAMPLE_LABEL}，无联系方式")
    row = submit_suggestion(session, draft, sample=True)
    row.submitted_at = sent
    if sample.fate == "spam":
        reject(session, suggestion_id=row.id, account=PLANNER, reason="spam")
        return
    department = proposed_department(session, row)
    if sample.fate == "pending" or not department:
        return
    route(session, suggestion_id=row.id, account=PLANNER, department=department)
    if sample.fate == "replied":
        reply(
            session, suggestion_id=row.id, account=PLANNER, text=f"{sample.reply}（{SAMPLE_LABEL}）"
        )
        row.replied_at = sent + timedelta(days=sample.reply_after)
