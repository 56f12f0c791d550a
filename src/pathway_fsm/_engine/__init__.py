"""The engine: definitions, the shared transitions machine, pathways and their values."""
