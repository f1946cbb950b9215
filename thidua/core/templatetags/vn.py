"""Template filters for Vietnamese dates, numbers and money (builtins: no {% load %} needed)."""

from django import template

from .. import vn

register = template.Library()


@register.filter
def vn_date(value) -> str:
    return vn.format_date(value) if value else ""


@register.filter
def vn_short_date(value) -> str:
    return vn.format_short_date(value) if value else ""


@register.filter
def vn_number(value, decimals=None) -> str:
    if value is None or value == "":
        return ""
    return vn.format_number(value, None if decimals in (None, "") else int(decimals))


@register.filter
def vn_money(value) -> str:
    return "" if value is None else vn.format_money(value)
