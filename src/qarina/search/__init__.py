"""Qarina search package."""
