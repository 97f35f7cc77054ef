"""Qarina link package."""
