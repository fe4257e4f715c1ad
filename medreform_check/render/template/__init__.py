"""Renderers of a fill-in template."""
