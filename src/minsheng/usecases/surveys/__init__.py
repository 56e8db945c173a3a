"""满意度调查: a planner publishes a survey of a plan for a period (5-point questions per
domain or service item, and a comment); residents answer anonymously, picking their
district; results by question, domain, item and district carry the respondent count, the
mean and its 95 % t-interval; a third party's results come in as XLSX; a planner closes it."""

from minsheng.usecases.surveys.answer import COMMENT_LIMIT, submit_answer
from minsheng.usecases.surveys.import_xlsx import import_results
from minsheng.usecases.surveys.messages import SCALE, STATE_LABELS
from minsheng.usecases.surveys.models import (
    AnswerDraft,
    CommentView,
    QuestionView,
    ResultRow,
    SurveyDraft,
    SurveyResults,
    SurveyView,
)
from minsheng.usecases.surveys.publish import close_survey, publish_survey
from minsheng.usecases.surveys.results import survey_results
from minsheng.usecases.surveys.views import (
    PlanChoices,
    list_surveys,
    plan_choices,
    plan_survey_ids,
    survey_view,
)

__all__ = [
    "COMMENT_LIMIT",
    "SCALE",
    "STATE_LABELS",
    "AnswerDraft",
    "CommentView",
    "PlanChoices",
    "QuestionView",
    "ResultRow",
    "SurveyDraft",
    "SurveyResults",
    "SurveyView",
    "close_survey",
    "import_results",
    "list_surveys",
    "plan_choices",
    "plan_survey_ids",
    "publish_survey",
    "submit_answer",
    "survey_results",
    "survey_view",
]
