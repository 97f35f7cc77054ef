"""Qarina casefile package."""
