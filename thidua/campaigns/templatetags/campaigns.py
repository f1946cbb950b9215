"""`{% load campaigns %}{% campaign_notifications %}`: the user's unread reminders (home page)."""

from django import template

from .. import queries

register = template.Library()


@register.inclusion_tag("campaigns/_notifications.html", takes_context=True)
def campaign_notifications(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "notifications": queries.unread_notifications(user) if user else [],
        "csrf_token": context.get("csrf_token"),
    }
