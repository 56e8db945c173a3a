"""Storage: tables, engines and transactions, migrations, and small repositories.

Nothing here knows about the command line or the web; use cases call it.
"""

from minsheng.store.database import (
    create_engine_for,
    safe_url,
    session_scope,
    upgrade_database,
    without_parallel_workers,
)

__all__ = [
    "create_engine_for",
    "safe_url",
    "session_scope",
    "upgrade_database",
    "without_parallel_workers",
]
