"""Tables for surveys; see the migration of the same name."""
