"""Renderers of an audit report."""
