"""Limit/offset pagination with bounds: a limit or offset past what the database can hold in a
64-bit integer would otherwise reach the SQL as is and fail there (a server error)."""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

from .fields import MAX_INT

MAX_LIMIT = 1000
MAX_OFFSET = MAX_INT


class BoundedPagination(LimitOffsetPagination):
    """`?limit=` (1–1000, default 100) and `?offset=` (0–2³¹−1); other values answer 400."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
