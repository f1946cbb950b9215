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


def form_page(
    request: HttpRequest,
    form,
    *,
    run: Callable[[dict], Any],
    done: Callable[[Any], str],
    success: str,
    context: dict,
    template: str = "campaigns/form.html",
) -> HttpResponse:
    """Render the form (200), or run the action on a valid POST and redirect to `done(result)`.

    Invalid input or a refused action re-renders the form with the Vietnamese message (400, or
    409 for an edit made on an old version). An htmx request gets the form card alone.
    """
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                result = run(form.cleaned_data)
            except (ValidationError, StaleEditError) as exc:
                status = apply_action_error(form, exc)
            else:
                messages.success(request, success)
                if request.htmx:
                    return HttpResponseClientRedirect(done(result))
                return redirect(done(result))
    if request.htmx:
        template = "campaigns/_form_card.html"
    return render(request, template, {"form": form, **context}, status=status)
