"""The one recipe every pledge form view follows: validate → action → redirect, or re-render
with the action's Vietnamese errors (400, or 409 for a stale edit)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from thidua.core.errors import StaleEditError
from thidua.core.forms import apply_action_error

FORM = "pledges/form.html"


def posted(request: HttpRequest):
    """The POST data of a POST (even an empty one, so a bare button binds its form), else None."""
    return request.POST if request.method == "POST" else None


def detail_url(version, anchor: str = "") -> str:
    url = reverse("pledges:pledge_detail", args=[version.pledge_id]) + f"?v={version.number}"
    return f"{url}#{anchor}" if anchor else url


def submit(
    request: HttpRequest,
    form,
    run: Callable[[dict], object],
    *,
    success: str | Callable[[object], str],
    message: str | Callable[[object], str] = "",
    template: str = FORM,
    partial: str | None = None,
    context: dict | None = None,
) -> HttpResponse:
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                result = run(form.cleaned_data)
            except (ValidationError, StaleEditError) as exc:
                status = apply_action_error(form, exc)
            else:
                text = message(result) if callable(message) else message
                if text:
                    messages.success(request, text)
                url = success(result) if callable(success) else success
                if request.htmx:
                    return HttpResponseClientRedirect(url)
                return redirect(url)
    name = partial if partial and request.htmx else template
    return render(request, name, {"form": form, **(context or {})}, status=status)


def version_context(version, heading: str, **extra) -> dict:
    """What the shared form page shows above a form about one version."""
    return {
        "version": version,
        "pledge": version.pledge,
        "heading": heading,
        "back": detail_url(version),
        **extra,
    }
