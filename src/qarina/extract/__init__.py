"""Qarina extract package."""
