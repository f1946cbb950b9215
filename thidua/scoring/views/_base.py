"""The recipe every form view follows: access (done by the caller) → validate → action → respond."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django_htmx.http import HttpResponseClientRedirect

from thidua.core.errors import StaleEditError
from thidua.core.forms import apply_action_error


def refresh_version(form, current) -> None:
    """After a stale save, the form shows the current version, so saving again is a choice."""
    if current is None or "version" not in form.fields:
        return
    data = form.data.copy()
    data[form.add_prefix("version")] = getattr(current, "version", 0)
    form.data = data


def run_form(form, run: Callable[[dict], Any]) -> tuple[int, Any, Any]:
    """Validate and run the action: (status, result, current object after a stale save)."""
    if not form.is_valid():
        return 400, None, None
    try:
        return 200, run(form.cleaned_data), None
    except StaleEditError as exc:
        status = apply_action_error(form, exc)
        refresh_version(form, exc.current)
        return status, None, exc.current
    except ValidationError as exc:
        return apply_action_error(form, exc), None, None


def form_page(
    request: HttpRequest,
    form,
    *,
    run: Callable[[dict], Any],
    done: Callable[[Any], str],
    success: str,
    context: dict,
    template: str = "scoring/form.html",
) -> HttpResponse:
    """Render the form (200), or run the action on a valid POST and redirect to `done(result)`.

    Invalid input or a refused action re-renders the form with the Vietnamese message (400, or
    409 with the current values for an edit made on an old version). An htmx request gets the
    form card alone.
    """
    status, current = 200, None
    if request.method == "POST":
        status, result, current = run_form(form, run)
        if status == 200:
            messages.success(request, success)
            if request.htmx:
                return HttpResponseClientRedirect(done(result))
            return redirect(done(result))
    if request.htmx:
        template = "scoring/_form_card.html"
    return render(request, template, {"form": form, "current": current, **context}, status=status)
