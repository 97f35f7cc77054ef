"""Qarina cli package."""
