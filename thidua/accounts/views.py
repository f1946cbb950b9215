import contextlib

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from thidua.core.forms import apply_action_error

from . import actions
from .forms import ApiTokenForm
from .models import ApiToken


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    """Each user manages their own tokens; a new token is shown once."""
    form = ApiTokenForm(request.POST or None)
    created, status = None, 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                _, created = actions.create_api_token(user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                status = apply_action_error(form, exc)
            else:
                status, form = 201, ApiTokenForm()
    tokens = ApiToken.objects.filter(user=request.user)
    return render(
        request,
        "accounts/api_tokens.html",
        {"form": form, "tokens": tokens, "created": created},
        status=status,
    )


@login_required
@require_POST
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    with contextlib.suppress(ValidationError):  # already revoked: nothing to do
        actions.revoke_api_token(token=token, by=request.user)
    return redirect("api_tokens")
