"""The database tables, as SQLAlchemy typed declarative classes, one module per area.

Names follow the glossary (plan, indicator, service item, column, key project …). Plans are
versioned per region: importing a changed document adds a version and moves `is_current`,
so a plan's indicators, which observations refer to, are never rewritten in place.
Observations keep every change as a new revision row; each observation points at its value
in force (the latest approved revision) and its newest revision.

Constraint names follow `NAMING` so Alembic can alter them later on SQLite (batch mode
recreates tables and must know every constraint's name).
"""

from minsheng.store.tables import sessions, suggestions, surveys  # noqa: F401  (register their tables)
from minsheng.store.tables.base import (
    ATTRIBUTES,
    COLUMN_KINDS,
    DIRECTIONS,
    NAMING,
    REVIEW_STATES,
    ROLES,
    Base,
    JSONType,
)
from minsheng.store.tables.catalogue import StoredCatalogueAlias, StoredCatalogueEntry
from minsheng.store.tables.facilities import Facility, PointLayer, ResidentPoint
from minsheng.store.tables.metadata import IndicatorMetadata, IndicatorMetadataRevision
from minsheng.store.tables.observations import Observation, ObservationRevision
from minsheng.store.tables.people import AuditEntry, Department, PasswordReset, User
from minsheng.store.tables.plans import (
    Indicator,
    KeyProject,
    Plan,
    PlanColumn,
    PreviousPlanResult,
    Region,
    ServiceItem,
)
from minsheng.store.tables.population import Population
from minsheng.store.tables.problems import PROBLEM_KINDS, PROBLEM_STATES, Problem, ProblemProgress
from minsheng.store.tables.ranges import ReviewRange
from minsheng.store.tables.rounds import (
    DepartmentContact,
    ReportingRound,
    RoundItem,
    RoundReminder,
)
from minsheng.store.tables.standards import DeliveryIndicator, DeliveryReport, StandardLevel
from minsheng.store.tables.web import (
    ApiToken,
    IndicatorAssignment,
    KeyProjectUpdate,
    LoginAttempt,
    ServiceItemRevision,
)

__all__ = [
    "ATTRIBUTES",
    "COLUMN_KINDS",
    "DIRECTIONS",
    "NAMING",
    "PROBLEM_KINDS",
    "PROBLEM_STATES",
    "REVIEW_STATES",
    "ROLES",
    "ApiToken",
    "AuditEntry",
    "Base",
    "DeliveryIndicator",
    "DeliveryReport",
    "Department",
    "DepartmentContact",
    "Facility",
    "Indicator",
    "IndicatorAssignment",
    "IndicatorMetadata",
    "IndicatorMetadataRevision",
    "JSONType",
    "KeyProject",
    "KeyProjectUpdate",
    "LoginAttempt",
    "Observation",
    "ObservationRevision",
    "PasswordReset",
    "Plan",
    "PlanColumn",
    "PointLayer",
    "Population",
    "PreviousPlanResult",
    "Problem",
    "ProblemProgress",
    "Region",
    "ReportingRound",
    "ResidentPoint",
    "ReviewRange",
    "RoundItem",
    "RoundReminder",
    "ServiceItem",
    "ServiceItemRevision",
    "StandardLevel",
    "StoredCatalogueAlias",
    "StoredCatalogueEntry",
    "User",
]
