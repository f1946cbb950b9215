"""Opening a version for signing, withdrawing it, and signing it for one's own unit."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import access, actions, queries
from ..forms import ConfirmForm, SignForm
from ._common import detail_url, posted, submit, version_context


@login_required
@require_http_methods(["GET", "POST"])
def open_signing(request: HttpRequest, version_id: int) -> HttpResponse:
    version = access.version_for_editing(request.user, version_id)
    total = queries.running_total(version)
    return submit(
        request,
        ConfirmForm(posted(request)),
        lambda data: actions.open_for_signing(pledge_version=version, by=request.user),
        success=detail_url(version, "signatures"),
        message=_("The pledge is open for signing."),
        context=version_context(
            version,
            _("Open for signing"),
            intro=_(
                "The text is frozen: each member's officer signs for their unit, and the last "
                "signature locks the pledge."
            ),
            total=total,
            button=_("Open for signing"),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, version_id: int) -> HttpResponse:
    version = access.version_for_editing(request.user, version_id)
    return submit(
        request,
        ConfirmForm(posted(request)),
        lambda data: actions.withdraw_from_signing(pledge_version=version, by=request.user),
        success=detail_url(version),
        message=_("The pledge is back to draft; the signatures given were cancelled."),
        context=version_context(
            version,
            _("Withdraw from signing"),
            intro=_(
                "Back to draft to correct the text. The signatures given so far are cancelled."
            ),
            button=_("Withdraw"),
            danger=True,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def sign(request: HttpRequest, version_id: int) -> HttpResponse:
    """A member's officer signs for their own unit: another unit's id answers 403."""
    version, units = access.version_for_signing(request.user, version_id)
    if request.method == "POST":
        access.unit_for_signing(units, request.POST.get("unit"))
    signing = queries.signing_status(version)
    form = SignForm(posted(request), units=queries.unsigned_units(request.user, signing))
    return submit(
        request,
        form,
        lambda data: actions.sign_pledge(
            pledge_version=version,
            unit=data["unit"],
            signed_on=data["signed_on"],
            by=request.user,
        ),
        success=detail_url(version, "signatures"),
        message=_("Signed."),
        template="pledges/sign.html",
        context=version_context(version, _("Sign the pledge"), signing=signing),
    )
