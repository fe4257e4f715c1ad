"""Renderers of the overdue list."""
