"""The read side: one module per resource, each returning plain typed read models.

Pages, the REST API, exports and reports all read through here, so a resource is listed,
filtered and paged one way. `evaluations` is the shared core: the indicators of any set
of plans with their verdicts, computed by one pass of the vectorized evaluator over the
values in force. Read models carry ids; names are resolved at the edges (`plans.resolve`).
"""
