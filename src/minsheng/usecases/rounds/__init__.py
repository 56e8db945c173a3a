"""Reporting rounds: a planner opens a round (the plan's assignments × years, a
deadline), watches the reporting rate per department and region, and reminds (催报) the
late ones; a reporter's inbox lists what is due and what came back.

The names below are re-exported lazily (`runtime.lazy_exports`): listing the rounds does
not load the inbox's file readers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from minsheng.runtime import lazy_exports

if TYPE_CHECKING:
    from minsheng.usecases.rounds.clock import (
        BEIJING,
        beijing_text,
        deadline_end,
    )
    from minsheng.usecases.rounds.delivery import (
        DeliveryDue,
        DeliveryTally,
        delivery_tallies,
        report_in_round,
        round_delivery,
    )
    from minsheng.usecases.rounds.inbox import (
        DueRound,
        Inbox,
        RoundDelivery,
        inbox_of,
    )
    from minsheng.usecases.rounds.opening import (
        close_round,
        open_round,
        open_round_named,
    )
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

_DEFINED_IN = {
    "BEIJING": "clock",
    "beijing_text": "clock",
    "deadline_end": "clock",
    "DeliveryDue": "delivery",
    "DeliveryTally": "delivery",
    "delivery_tallies": "delivery",
    "report_in_round": "delivery",
    "round_delivery": "delivery",
    "DueRound": "inbox",
    "Inbox": "inbox",
    "RoundDelivery": "inbox",
    "inbox_of": "inbox",
    "close_round": "opening",
    "open_round": "opening",
    "open_round_named": "opening",
    "ReminderOutcome": "remind",
    "remind": "remind",
    "remind_all_late": "remind",
    "reminder_text": "remind",
    "set_contact_email": "remind",
    "RoundInfo": "status",
    "RoundStatus": "status",
    "Tally": "status",
    "round_info": "status",
    "round_infos": "status",
    "round_status": "status",
    "round_statuses": "status",
}

lazy_exports(__name__, _DEFINED_IN)

__all__ = [
    "BEIJING",
    "DeliveryDue",
    "DeliveryTally",
    "DueRound",
    "Inbox",
    "ReminderOutcome",
    "RoundDelivery",
    "RoundInfo",
    "RoundStatus",
    "Tally",
    "beijing_text",
    "close_round",
    "deadline_end",
    "delivery_tallies",
    "inbox_of",
    "open_round",
    "open_round_named",
    "remind",
    "remind_all_late",
    "reminder_text",
    "report_in_round",
    "round_delivery",
    "round_info",
    "round_infos",
    "round_status",
    "round_statuses",
    "set_contact_email",
]
