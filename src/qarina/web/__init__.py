"""Qarina web package."""
