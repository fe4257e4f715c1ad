"""Renderers of validate findings."""
