"""Qarina ingest.formats package."""
