"""The indicator catalogue as it stands in a database: the bundled one plus an admin's additions.

The bundled catalogue (model/data/catalogue.csv) is the base and is never rewritten; an
administrator adds entries and aliases, which are stored (store/repositories/catalogue.py)
and laid over the base by `catalogue_for` each time a use case needs the catalogue, so an
addition takes effect at once for imports, observation files, evaluation and comparison.
Nothing is cached across sessions.

An addition links the indicators already stored whose name it now matches: their empty
`catalogue_key` is filled, never a key that is already set.
"""

from minsheng.usecases.catalogue.additions import CatalogueChange, add_alias, add_entry, new_entry
from minsheng.usecases.catalogue.layers import catalogue_for
from minsheng.usecases.catalogue.listing import (
    EntryDetail,
    LinkedIndicator,
    ListedEntry,
    Origin,
    describe_entry,
    list_catalogue,
)

__all__ = [
    "CatalogueChange",
    "EntryDetail",
    "LinkedIndicator",
    "ListedEntry",
    "Origin",
    "add_alias",
    "add_entry",
    "catalogue_for",
    "describe_entry",
    "list_catalogue",
    "new_entry",
]
