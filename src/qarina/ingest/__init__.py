"""Qarina ingest package."""
