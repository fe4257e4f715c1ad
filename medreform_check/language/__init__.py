"""The plan language: numbers and values as offices write them, periods and deadline phrases,
targets, and the expressions of consistency checks. Pure parsing; no file is read here."""
