"""regionkg: a knowledge graph of Chinese regions, organisations, people, industries and policies.

The top-level folders ``graph/``, ``api/``, ``viz/`` and ``ontology/`` are installed as the
subpackages ``regionkg.graph``, ``regionkg.api``, ``regionkg.viz`` and ``regionkg.ontology``.
"""

__version__ = "0.1.0"
