"""Qarina custody package."""
