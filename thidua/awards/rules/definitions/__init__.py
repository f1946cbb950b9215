"""Rule definitions, one module per group of rows of ``regulations.md``."""
