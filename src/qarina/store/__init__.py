"""Qarina store package."""
