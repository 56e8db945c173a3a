"""The web application: public pages in Simplified Chinese and the REST API under /api/v1."""

from minsheng.web.app import create_app

__all__ = ["create_app"]
