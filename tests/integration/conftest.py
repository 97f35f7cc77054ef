"""Integration tests use the backend fixtures of ``tests/conftest.py``."""
