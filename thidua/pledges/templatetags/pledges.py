"""Template helpers of the pledges app: `{% load pledges %}`.

`{% cluster_pledge cluster %}` renders the pledge box of a cluster page (who has not signed).
"""

from django import template

from .. import queries, validation

register = template.Library()

ROMAN = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


@register.filter
def roman(number) -> str:
    """1 → I, 4 → IV: content groups are numbered in Roman numerals in Vietnamese papers."""
    n, out = int(number), ""
    for value, letters in ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


@register.filter
def levels(value) -> str:
    return validation.format_levels(value or [])


@register.inclusion_tag("pledges/_cluster_pledges.html", takes_context=True)
def cluster_pledge(context, cluster):
    return {
        **queries.cluster_pledge_summary(cluster, context["request"].user),
        "request": context["request"],
    }
