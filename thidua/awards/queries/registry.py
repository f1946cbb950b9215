"""Reads of decisions and recipients, always from what the user may see."""

from __future__ import annotations

import datetime

from django.db.models import Count, Prefetch, Q, QuerySet

from thidua.accounts.models import Role
from thidua.accounts.scope import scope_of
from thidua.core import vn
from thidua.core.db import vi
from thidua.organizations.models import Person, Unit
from thidua.organizations.queries import (
    in_vietnamese_order,
    people_in_vietnamese_order,
    people_visible_to,
    units_visible_to,
)

from ..models import Decision, DecisionRecipient, Initiative


def _reach(user) -> QuerySet[Unit]:
    return Unit.objects.filter(scope_of(user).subtree_q("path"))


def decisions_visible_to(user) -> QuerySet[Decision]:
    """Decisions recorded within the user's subtrees, or awarding someone inside them."""
    scope = scope_of(user)
    if scope.is_empty:
        return Decision.objects.none()
    reach = _reach(user)
    awarded = DecisionRecipient.objects.filter(
        Q(unit__in=reach) | Q(person__unit__in=reach)
    ).values("decision_id")
    return Decision.objects.filter(Q(recorded_in__in=reach) | Q(pk__in=awarded))


def decision_list(user, *, year: int | None = None, text: str = "") -> QuerySet[Decision]:
    decisions = decisions_visible_to(user)
    if year and not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        decisions = decisions.none()  # no date has that year (a year lookup would fail on it)
    elif year:
        decisions = decisions.filter(signed_on__year=year)
    if text:
        decisions = decisions.filter(
            Q(number__icontains=vn.clean_text(text)) | Q(issuer_name__icontains=vn.clean_text(text))
        )
    return (
        decisions.select_related("recorded_in", "regime")
        .annotate(recipient_count=Count("recipients"))
        .order_by("-signed_on", "-pk")
    )


def recipients_of(decision: Decision) -> QuerySet[DecisionRecipient]:
    """Units first, then people, each in Vietnamese order."""
    return (
        DecisionRecipient.objects.filter(decision=decision)
        .select_related("award_type", "unit", "person__unit")
        .prefetch_related(Prefetch("based_on", queryset=Initiative.objects.order_by("pk")))
        .order_by(
            "award_type__position",
            "person",
            vi("unit__short_name"),
            vi("person__given_name"),
            vi("person__family_name"),
            "pk",
        )
    )


def board_units(user) -> QuerySet[Unit]:
    """Units in which the user is a board officer (where decisions are recorded)."""
    return in_vietnamese_order(
        Unit.objects.filter(pk__in=scope_of(user).unit_ids(Role.BOARD_OFFICER))
    )


def recipient_candidates(user, decision: Decision) -> QuerySet[Unit]:
    """Units the user's board reaches inside the decision's recording unit."""
    scope = scope_of(user)
    return in_vietnamese_order(
        Unit.objects.filter(scope.subtree_q("path", Role.BOARD_OFFICER)).filter(
            path__startswith=decision.recorded_in.path
        )
    )


def subject_search(user, text: str, limit: int = 30) -> dict[str, list]:
    """Units and people whose history the user may open, found without diacritics."""
    needle = vn.fold(text)
    if not needle:
        return {"units": [], "people": []}
    units = in_vietnamese_order(units_visible_to(user).filter(search_text__contains=needle))
    people: QuerySet[Person] = people_in_vietnamese_order(
        people_visible_to(user).filter(search_text__contains=needle)
    ).select_related("unit")
    return {"units": list(units[:limit]), "people": list(people[:limit])}
