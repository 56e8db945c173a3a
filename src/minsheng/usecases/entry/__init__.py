"""Data entry by departments: the rows a user may fill in, saving and submitting them,
uploads with every problem located, and the queue of values awaiting review.

A reporter sees only the indicator × region pairs assigned to their department; planners
and administrators see every indicator of the plan for the plan's own region. Whatever
a page shows, writing goes through `record_observations` with the user's permission, so
a forged form cannot write what the page would not offer.
"""

from minsheng.usecases.entry.form import (
    FORM_FILE,
    EntryInput,
    SaveOutcome,
    number_text,
    save_entries,
)
from minsheng.usecases.entry.latest import LatestValue, latest_values
from minsheng.usecases.entry.review_queue import ReviewItem, review_items, review_many
from minsheng.usecases.entry.sheet import (
    EntryRow,
    EntrySheet,
    default_entry_plan,
    entry_plans,
    entry_sheet,
    entry_year,
    plan_years,
)
from minsheng.usecases.entry.submit import (
    EDITABLE,
    drafts_of,
    submit_drafts,
    submit_drafts_by_year,
)
from minsheng.usecases.entry.upload import (
    UploadResult,
    entry_template,
    field_of,
    upload_observations,
)

__all__ = [
    "EDITABLE",
    "FORM_FILE",
    "EntryInput",
    "EntryRow",
    "EntrySheet",
    "LatestValue",
    "ReviewItem",
    "SaveOutcome",
    "UploadResult",
    "default_entry_plan",
    "drafts_of",
    "entry_plans",
    "entry_sheet",
    "entry_template",
    "entry_year",
    "field_of",
    "latest_values",
    "number_text",
    "plan_years",
    "review_items",
    "review_many",
    "save_entries",
    "submit_drafts",
    "submit_drafts_by_year",
    "upload_observations",
]
