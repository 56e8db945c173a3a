"""Small repositories, one module per aggregate; every argument after the session is named.

They read and add rows and nothing more: deciding what to write, and auditing it, is the
use cases' job.
"""
