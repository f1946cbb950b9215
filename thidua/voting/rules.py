"""The counting rules as pure functions over the tallied totals (no database, no time).

`Share` is "at least / more than n/d of a base" in exact integer arithmetic (2/3 of 3 members is 2,
not 2.0001). `election_outcome` applies a cluster's rules to the candidates' totals; the tie-break
prefers, among candidates with equal votes, women or collectives with at least 70% women when
that fact is recorded (NĐ 152/2025 art. 4; regulations.md "Votes and councils").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

WOMEN_SHARE_PREFERRED = 70  # percent of women in a collective (NĐ 152 art. 4)


@dataclass(frozen=True)
class Share:
    numerator: int
    denominator: int
    strict: bool = False  # True: "more than"; False: "at least"

    def met(self, count: int, base: int) -> bool:
        if base <= 0:
            return False
        left, right = count * self.denominator, self.numerator * base
        return left > right if self.strict else left >= right

    def needed(self, base: int) -> int:
        """The smallest count that meets the share of ``base``."""
        whole, rest = divmod(self.numerator * base, self.denominator)
        if self.strict:
            return whole + 1
        return whole + (1 if rest else 0)

    @property
    def fraction(self) -> str:
        if self.denominator == 100:
            return f"{self.numerator}%"
        return f"{self.numerator}/{self.denominator}"

    def label(self) -> str:
        """ "ít nhất 90%", "trên 50%", "ít nhất 2/3"."""
        if self.strict:
            return _("more than %(share)s") % {"share": self.fraction}
        return _("at least %(share)s") % {"share": self.fraction}


def share_of(numerator, denominator, comparison: str) -> Share | None:
    if numerator is None or denominator is None:
        return None
    return Share(int(numerator), int(denominator), strict=comparison == "more_than")


def prefers_women(women_share: int | None) -> bool:
    """A collective qualifies for the tie-break when at least 70% of it are women (recorded)."""
    return women_share is not None and women_share >= WOMEN_SHARE_PREFERRED


@dataclass(frozen=True)
class ElectionResult:
    outcome: str  # "elected", "no_majority" or "tie" (Outcome values)
    elected: tuple[int, ...] = ()  # candidate keys, best first
    tie_broken: tuple[int, ...] = ()  # the elected who won a tie through the women rule
    tied: tuple[int, ...] = ()  # candidates still tied for the unfilled seats
    unfilled: int = 0


def election_outcome(
    *,
    votes: Mapping[int, int],
    electorate: int,
    seats: int,
    majority: Share,
    women: frozenset[int] | set[int] = frozenset(),
) -> ElectionResult:
    """Who is elected: candidates whose votes reach the majority of the WHOLE electorate, best
    first, up to ``seats``. At the last seat, equal votes go to the women-preferred candidates;
    if that does not settle it, the seats stay unfilled and the candidates are reported tied
    (for another round, or the leader's decision after the last one)."""
    qualified = sorted(
        (c for c, n in votes.items() if majority.met(n, electorate)), key=lambda c: (-votes[c], c)
    )
    if len(qualified) <= seats:
        unfilled = seats - len(qualified)
        return ElectionResult(
            outcome="no_majority" if unfilled else "elected",
            elected=tuple(qualified),
            unfilled=unfilled,
        )
    cutoff = votes[qualified[seats - 1]]
    above = [c for c in qualified if votes[c] > cutoff]
    at_cutoff = [c for c in qualified if votes[c] == cutoff]
    remaining = seats - len(above)
    if len(at_cutoff) == remaining:
        return ElectionResult(outcome="elected", elected=tuple(above + at_cutoff))
    preferred = [c for c in at_cutoff if c in women]
    if 0 < len(preferred) <= remaining:
        elected = above + preferred
        still_tied = [c for c in at_cutoff if c not in women]
        unfilled = remaining - len(preferred)
        return ElectionResult(
            outcome="tie" if unfilled else "elected",
            elected=tuple(elected),
            tie_broken=tuple(preferred),
            tied=tuple(still_tied) if unfilled else (),
            unfilled=unfilled,
        )
    tied = preferred if preferred else at_cutoff
    return ElectionResult(outcome="tie", elected=tuple(above), tied=tuple(tied), unfilled=remaining)


@dataclass(frozen=True)
class QuestionResult:
    agree: int
    disagree: int
    abstain: int
    base: int  # the members the threshold is counted on
    needed: int
    approved: bool


def council_question_result(
    *,
    agree: int,
    disagree: int,
    abstain: int,
    electorate: int,
    voted: int,
    threshold: Share,
    of_all_members: bool,
    quorum_met: bool,
) -> QuestionResult:
    """A proposal passes when its "agree" votes (secret ballots and written opinions alike)
    reach the threshold of ALL council members (or of those who voted, where so configured),
    and the session had its quorum."""
    base = electorate if of_all_members else voted
    return QuestionResult(
        agree=agree,
        disagree=disagree,
        abstain=abstain,
        base=base,
        needed=threshold.needed(base),
        approved=quorum_met and threshold.met(agree, base),
    )
