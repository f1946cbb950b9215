"""Template filters of scoring pages: what a unit entered on a line, in words."""

from django import template

from ..points import describe

register = template.Library()


@register.filter
def entered(line) -> str:
    """The self input of a line: "92 %", "Có", "Tốt", "2 lần"."""
    return describe((line.self_value, line.self_choice), line.criterion)


@register.filter
def cross_entered(cross, line) -> str:
    if cross is None:
        return ""
    return describe((cross.value, cross.choice), line.criterion)


@register.filter
def signed(value) -> str:
    """A difference with its sign: "+1,5", "−2", "0"."""
    from thidua.core import vn

    if value is None:
        return ""
    if value > 0:
        return f"+{vn.format_number(value)}"
    if value < 0:
        return f"−{vn.format_number(-value)}"
    return "0"


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None
