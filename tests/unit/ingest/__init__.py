"""Unit tests of qarina.ingest."""
