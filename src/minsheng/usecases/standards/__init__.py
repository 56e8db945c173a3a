"""The standards catalogue: service items by domain, searched, edited with history, compared;
standards documents imported by level, checked against the national floor, and monitored.

The names below are re-exported lazily (`runtime.lazy_exports`): a module that needs one
submodule, such as the round list's `delivery`, does not load the document readers with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from minsheng.runtime import lazy_exports

if TYPE_CHECKING:
    from minsheng.usecases.standards.comparison import (
        ListComparison,
        compare_lists,
        name_key,
    )
    from minsheng.usecases.standards.delivery import (
        KIND_LABELS,
        DeliveryStatus,
        define_indicator,
        item_delivery,
        report_value,
        undelivered_item_ids,
    )
    from minsheng.usecases.standards.documents import (
        LEVEL_LABELS,
        StandardsImport,
        import_standards,
        import_standards_file,
        match_item,
    )
    from minsheng.usecases.standards.edits import (
        ItemDetail,
        edit_item,
        item_detail,
    )
    from minsheng.usecases.standards.levels import (
        ItemLevels,
        LevelColumn,
        item_levels,
    )
    from minsheng.usecases.standards.search import (
        FIELDS,
        Catalogue,
        catalogue,
        highlight,
        plans_with_items,
        score,
        search_terms,
        term_score,
    )
    from minsheng.usecases.standards.workbook import (
        WorkbookImport,
        import_standards_workbook,
    )

_DEFINED_IN = {
    "ListComparison": "comparison",
    "compare_lists": "comparison",
    "name_key": "comparison",
    "KIND_LABELS": "delivery",
    "DeliveryStatus": "delivery",
    "define_indicator": "delivery",
    "item_delivery": "delivery",
    "report_value": "delivery",
    "undelivered_item_ids": "delivery",
    "LEVEL_LABELS": "documents",
    "StandardsImport": "documents",
    "import_standards": "documents",
    "import_standards_file": "documents",
    "match_item": "documents",
    "ItemDetail": "edits",
    "edit_item": "edits",
    "item_detail": "edits",
    "ItemLevels": "levels",
    "LevelColumn": "levels",
    "item_levels": "levels",
    "FIELDS": "search",
    "Catalogue": "search",
    "catalogue": "search",
    "highlight": "search",
    "plans_with_items": "search",
    "score": "search",
    "search_terms": "search",
    "term_score": "search",
    "WorkbookImport": "workbook",
    "import_standards_workbook": "workbook",
}

lazy_exports(__name__, _DEFINED_IN)

__all__ = [
    "FIELDS",
    "KIND_LABELS",
    "LEVEL_LABELS",
    "Catalogue",
    "DeliveryStatus",
    "ItemDetail",
    "ItemLevels",
    "LevelColumn",
    "ListComparison",
    "StandardsImport",
    "WorkbookImport",
    "catalogue",
    "compare_lists",
    "define_indicator",
    "edit_item",
    "highlight",
    "import_standards",
    "import_standards_file",
    "import_standards_workbook",
    "item_delivery",
    "item_detail",
    "item_levels",
    "match_item",
    "name_key",
    "plans_with_items",
    "report_value",
    "score",
    "search_terms",
    "term_score",
    "undelivered_item_ids",
]
