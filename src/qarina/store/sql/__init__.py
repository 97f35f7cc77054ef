"""Qarina store.sql package."""
