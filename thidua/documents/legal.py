"""Legal bases ("Căn cứ …") cited by papers, by the date they are issued.

Dated configuration, checked against ``shared/regulations.md``: the Law on emulation and
commendation of 2003 (amended 2005 and 2013) with Nghị định 91/2017/NĐ-CP until 31/12/2023; the
Law of 2022 (06/2022/QH15) with Nghị định 98/2023/NĐ-CP from 01/01/2024 and Nghị định
152/2025/NĐ-CP from 01/07/2025 (cited without its date, which the project has not verified). The
Law on the organisation of local government: 2015 (amended 2019, in force 01/07/2020), replaced on
01/03/2025 and again on 01/07/2025 (two-level local government).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

_D = datetime.date


@dataclass(frozen=True)
class Basis:
    text: Promise
    valid_from: datetime.date | None
    valid_to: datetime.date | None  # inclusive; None: still in force

    def in_force_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


LOCAL_GOVERNMENT = (
    Basis(
        pgettext_lazy(
            "paper", "Pursuant to the Law on the Organisation of Local Government of 19 June 2015;"
        ),
        None,
        _D(2020, 6, 30),
    ),
    Basis(
        pgettext_lazy(
            "paper",
            "Pursuant to the Law on the Organisation of Local Government of 19 June 2015; the Law "
            "amending the Law on the Organisation of the Government and the Law on the "
            "Organisation of Local Government of 22 November 2019;",
        ),
        _D(2020, 7, 1),
        _D(2025, 2, 28),
    ),
    Basis(
        pgettext_lazy(
            "paper",
            "Pursuant to the Law on the Organisation of Local Government of 19 February 2025;",
        ),
        _D(2025, 3, 1),
        _D(2025, 6, 30),
    ),
    Basis(
        pgettext_lazy(
            "paper", "Pursuant to the Law on the Organisation of Local Government of 16 June 2025;"
        ),
        _D(2025, 7, 1),
        None,
    ),
)

EMULATION = (
    Basis(
        pgettext_lazy(
            "paper",
            "Pursuant to the Law on Emulation and Commendation of 26 November 2003; the Laws "
            "amending the Law on Emulation and Commendation of 14 June 2005 and 16 November 2013;",
        ),
        None,
        _D(2023, 12, 31),
    ),
    Basis(
        pgettext_lazy(
            "paper",
            "Pursuant to Decree No. 91/2017/ND-CP of 31 July 2017 of the Government detailing "
            "the Law on Emulation and Commendation;",
        ),
        _D(2017, 7, 31),
        _D(2023, 12, 31),
    ),
    Basis(
        pgettext_lazy(
            "paper", "Pursuant to the Law on Emulation and Commendation of 15 June 2022;"
        ),
        _D(2024, 1, 1),
        None,
    ),
    Basis(
        pgettext_lazy(
            "paper",
            "Pursuant to Decree No. 98/2023/ND-CP of 31 December 2023 of the Government detailing "
            "the Law on Emulation and Commendation;",
        ),
        _D(2024, 1, 1),
        _D(2025, 6, 30),
    ),
    Basis(
        pgettext_lazy(
            "paper",
            "Pursuant to Decree No. 152/2025/ND-CP of the Government detailing the Law on "
            "Emulation and Commendation;",
        ),
        _D(2025, 7, 1),
        None,
    ),
)


def bases_on(day: datetime.date, *, local_government: bool = True) -> list[str]:
    """The "Căn cứ" lines in force on ``day``: local government first, then emulation law."""
    groups = (LOCAL_GOVERNMENT, EMULATION) if local_government else (EMULATION,)
    return [str(b.text) for group in groups for b in group if b.in_force_on(day)]
