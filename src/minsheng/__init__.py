"""minsheng: a city's five-year public-service plan as running software.

The package root imports only the model, so importing a pure core (`minsheng.model`,
`minsheng.evaluate`) never loads the document readers; read documents with
`minsheng.ingest.parse_file`.
"""

from minsheng.model.plan import ParsedPlan

__all__ = ["ParsedPlan", "__version__"]
__version__ = "0.1.0"
