"""Reporting rounds: a planner opens a round (the plan's assignments × years, a
deadline), watches the reporting rate per department and region, and reminds (催报) the
late ones; a reporter's inbox lists what is due and what came back."""

from minsheng.usecases.rounds.clock import BEIJING, beijing_text, deadline_end
from minsheng.usecases.rounds.inbox import DueRound, Inbox, inbox_of
from minsheng.usecases.rounds.opening import close_round, open_round, open_round_named
from minsheng.usecases.rounds.remind import (
    ReminderOutcome,
    remind,
    remind_all_late,
    reminder_text,
    set_contact_email,
)
from minsheng.usecases.rounds.status import (
    RoundInfo,
    RoundStatus,
    Tally,
    round_info,
    round_infos,
    round_status,
    round_statuses,
)

__all__ = [
    "BEIJING",
    "DueRound",
    "Inbox",
    "ReminderOutcome",
    "RoundInfo",
    "RoundStatus",
    "Tally",
    "beijing_text",
    "close_round",
    "deadline_end",
    "inbox_of",
    "open_round",
    "open_round_named",
    "remind",
    "remind_all_late",
    "reminder_text",
    "round_info",
    "round_infos",
    "round_status",
    "round_statuses",
    "set_contact_email",
]
