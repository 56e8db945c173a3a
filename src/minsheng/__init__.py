"""minsheng: a city's five-year public-service plan as running software."""

from minsheng.ingest import parse_document, parse_file
from minsheng.model.plan import ParsedPlan

__all__ = ["ParsedPlan", "__version__", "parse_document", "parse_file"]
__version__ = "0.1.0"
