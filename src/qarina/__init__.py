"""Qarina: evidence and case files for investigators of atrocity crimes."""

__version__ = "0.1.0"
TOOL_NAME = "qarina"
