"""Qarina core package."""
