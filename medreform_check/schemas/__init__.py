"""JSON Schemas for the four kinds of file, and their validation into located findings."""
