"""What each command does, as a library: load, evaluate, summarise; plain data back.

The CLI calls these and hands their results to a renderer; nothing here prints."""
