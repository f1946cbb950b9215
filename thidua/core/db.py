"""Database helpers that behave alike on PostgreSQL and SQLite.

Vietnamese order is the ICU collation "vi-x-icu" on PostgreSQL; on SQLite the same order comes
from a collation registered on every new connection with core.vn.compare.
"""

from django.db import connection
from django.db.backends.signals import connection_created
from django.db.models.functions import Collate

from . import vn

SQLITE_COLLATION = "vi"
POSTGRES_COLLATION = "vi-x-icu"


def vi_collation(using=None) -> str:
    vendor = (using or connection).vendor
    return POSTGRES_COLLATION if vendor == "postgresql" else SQLITE_COLLATION


def vi(field: str) -> Collate:
    """An expression that orders `field` in Vietnamese: `order_by(vi("short_name"))`."""
    return Collate(field, vi_collation())


def _register_sqlite_functions(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, vn.compare)


connection_created.connect(_register_sqlite_functions, dispatch_uid="thidua-sqlite-vi")
