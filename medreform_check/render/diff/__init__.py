"""Renderers of a plan diff."""
