"""意见建议: residents send suggestions without an account; planners publish, route (to the
department responsible for the topic or the item) or reject them; the department replies,
and the reply is published with the question. Statistics by topic and response time."""

from minsheng.usecases.suggestions.model import (
    MODERATOR_ROLES,
    REJECT_LABELS,
    REPLY_DAYS,
    STATE_LABELS,
    TEXT_MAX,
    TEXT_MIN,
    NotAllowed,
    PublicSuggestion,
    StaffSuggestion,
    SuggestionDraft,
    SuggestionForm,
    SuggestionStats,
    TopicStats,
)
from minsheng.usecases.suggestions.moderate import may_reply, reject, reply, route
from minsheng.usecases.suggestions.submit import form_choices, submit_suggestion
from minsheng.usecases.suggestions.views import (
    public_suggestions,
    staff_queue,
    suggestion_stats,
    suggestion_view,
)

__all__ = [
    "MODERATOR_ROLES",
    "REJECT_LABELS",
    "REPLY_DAYS",
    "STATE_LABELS",
    "TEXT_MAX",
    "TEXT_MIN",
    "NotAllowed",
    "PublicSuggestion",
    "StaffSuggestion",
    "SuggestionDraft",
    "SuggestionForm",
    "SuggestionStats",
    "TopicStats",
    "form_choices",
    "may_reply",
    "public_suggestions",
    "reject",
    "reply",
    "route",
    "staff_queue",
    "submit_suggestion",
    "suggestion_stats",
    "suggestion_view",
]
