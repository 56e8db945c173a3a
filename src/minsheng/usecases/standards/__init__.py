"""The standards catalogue: service items by domain, searched, edited with history, compared."""

from minsheng.usecases.standards.comparison import ListComparison, compare_lists, name_key
from minsheng.usecases.standards.edits import ItemDetail, edit_item, item_detail
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

__all__ = [
    "FIELDS",
    "Catalogue",
    "ItemDetail",
    "ListComparison",
    "catalogue",
    "compare_lists",
    "edit_item",
    "highlight",
    "item_detail",
    "name_key",
    "plans_with_items",
    "score",
    "search_terms",
    "term_score",
]
