"""Tables for suggestions; see the migration of the same name."""
