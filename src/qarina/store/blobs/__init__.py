"""Qarina store.blobs package."""
