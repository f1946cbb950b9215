"""The one error of the eligibility contract: invalid input, naming the case and the field."""

from __future__ import annotations


class ContractError(Exception):
    """Input that does not follow ``contracts/eligibility.md``.

    ``case`` is the case's id when it has a valid one, else its index in ``cases`` (None for
    an error outside any case); ``field`` is a path such as ``cases[0].history[3].rating``;
    ``message`` is Vietnamese, for the officer who prepared the file.
    """

    def __init__(self, case: str | int | None, field: str | None, message: str):
        super().__init__(f"{field}: {message}" if field else message)
        self.case = case
        self.field = field
        self.message = message

    def to_dict(self) -> dict:
        return {"error": {"case": self.case, "field": self.field, "message": self.message}}
