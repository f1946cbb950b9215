"""Numbers of API input bounded by what their database column holds, so an out-of-range value
answers 400 naming the field instead of reaching the database (an overflow there is a 500)."""

from typing import Annotated

from ninja import Field

MAX_BIGINT = 2**63 - 1  # primary and foreign keys (BigAutoField)
MAX_INT = 2**31 - 1  # PositiveIntegerField: versions, seeds

Id = Annotated[int, Field(ge=1, le=MAX_BIGINT)]
Version = Annotated[int, Field(ge=0, le=MAX_INT)]
Seed = Annotated[int, Field(ge=0, le=MAX_INT)]
