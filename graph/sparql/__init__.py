"""The SPARQL read side shared by the endpoint and the CLI: safety checks, killable execution,
capped serialisation.

- ``guard``: checks on the parsed query (SERVICE, LOAD, updates, unknown dataset graphs).
- ``depth``: the nesting-depth scan that runs before any parser.
- ``executor``: ``QueryPool``, worker processes with a hard deadline.
- ``results``: row-capped serialisation in the SPARQL results and RDF formats.
"""

from regionkg.graph.sparql.executor import QueryPool
from regionkg.graph.sparql.guard import CheckedQuery, check_query, check_update
from regionkg.graph.sparql.worker import QueryJob, StoreOpener, UpdateJob

__all__ = ["CheckedQuery", "QueryJob", "QueryPool", "StoreOpener", "UpdateJob", "check_query",
           "check_update"]
