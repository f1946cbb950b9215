"""The recipe every form view follows: access (done by the caller) → validate → action →
redirect, or render the form again with the action's error (400, or 409 for a stale edit)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from thidua.core.errors import StaleEditError
from thidua.core.forms import apply_action_error

from .. import subjects as s


def submit(
    request: HttpRequest,
    form,
    action: Callable[[dict], object],
    *,
    success: str | Callable[[object], str],
    message: str,
    context: dict,
    template: str = "awards/form.html",
) -> HttpResponse:
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                result = action(form.cleaned_data)
            except (ValidationError, StaleEditError) as exc:
                status = apply_action_error(form, exc)
            else:
                messages.success(request, message)
                return redirect(success(result) if callable(success) else success)
    return render(request, template, {"form": form, **context}, status=status)


def history_url(subject) -> str:
    return reverse("awards:history", args=[s.url_kind(subject), subject.pk])


def year_param(request: HttpRequest) -> int | None:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return None
    return year if 1945 <= year <= 2100 else None


def post_data(request: HttpRequest):
    """The form data of a POST (even an empty one, such as a confirmation), else None."""
    return request.POST if request.method == "POST" else None
