"""The standards catalogue: service items by domain, searched, edited with history, compared;
standards documents imported by level, checked against the national floor, and monitored."""

from minsheng.usecases.standards.comparison import ListComparison, compare_lists, name_key
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
from minsheng.usecases.standards.edits import ItemDetail, edit_item, item_detail
from minsheng.usecases.standards.levels import ItemLevels, LevelColumn, item_levels
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
from minsheng.usecases.standards.workbook import WorkbookImport, import_standards_workbook

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
