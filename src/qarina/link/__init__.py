"""Corroboration: incidents across documents, source independence, grading, contradictions.

Pure functions over extraction outputs; the caller stores results and writes human
judgements to the custody log. Entry point: :func:`link_incidents`.
"""

from qarina.link.judgements import Judgement
from qarina.link.linker import link_incidents
from qarina.link.scoring import SCORER

__all__ = ["SCORER", "Judgement", "link_incidents"]
