"""The documents app's own papers (imported by DocumentsConfig.ready, like any app's papers)."""

from . import clusters  # noqa: F401
