"""Plain typed objects of the plan system; no I/O happens here."""
