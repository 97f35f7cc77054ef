"""Qarina legal package."""
