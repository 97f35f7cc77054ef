"""Ranked full-text search over passages.

``open_index(folder)`` opens (or creates) the embedded tantivy index that a workspace
keeps in ``<workspace>/search/``; PostgreSQL workspaces use
``qarina.store.sql.fulltext.PostgresSearchIndex`` instead. Both implement
``qarina.core.ports.SearchIndex`` and share the analyser and query grammar of
``qarina.core.search_text`` and ``qarina.core.search_query``.
"""

from qarina.search.tantivy_index import TantivySearchIndex, open_index

__all__ = ["TantivySearchIndex", "open_index"]
