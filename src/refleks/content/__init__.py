"""Content: YAML files → validated, immutable objects; interface text lookup."""
