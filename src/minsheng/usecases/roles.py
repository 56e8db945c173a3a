"""The roles a user may have: a light module, read by `minsheng user create` at start-up."""

ROLES = ("admin", "planner", "reporter", "viewer")
