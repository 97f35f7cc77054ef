"""Qarina app package."""
