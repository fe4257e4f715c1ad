"""Loaders: files in, typed model and located findings out. Nothing here evaluates."""
