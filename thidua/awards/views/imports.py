"""Import award history and yearly ratings from Excel: upload → preview → confirm."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import access, actions, excel
from ..forms import ConfirmForm, ImportForm
from ._common import post_data, submit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    access.require_importer(request.user)
    response = HttpResponse(excel.write_template(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-lich-su-khen-thuong.xlsx"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    access.require_importer(request.user)
    form = ImportForm(post_data(request), request.FILES or None)
    return submit(
        request,
        form,
        lambda data: actions.stage_import(upload=data["file"], by=request.user),
        success=lambda staged: reverse("awards:import_preview", args=[staged.token]),
        message=_("File received. Check the preview, then confirm the import."),
        template="awards/import_upload.html",
        context={"title": _("Import award history from Excel")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_preview(request: HttpRequest, token: str) -> HttpResponse:
    staged = access.import_for_user(request.user, token)
    status = 200
    form = ConfirmForm(post_data(request))
    if request.method == "POST":
        try:
            result = actions.commit_import(staged=staged, by=request.user)
        except ValidationError as exc:
            status = 400
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _(
                    "Imported: %(ratings)s ratings, %(recipients)s awards "
                    "(%(decisions)s new decisions); %(unchanged)s rows were already recorded."
                )
                % result,
            )
            return redirect("awards:index")
    plan = actions.preview_import(staged=staged, user=request.user)
    return render(
        request,
        "awards/import_preview.html",
        {"staged": staged, "plan": plan, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_discard(request: HttpRequest, token: str) -> HttpResponse:
    staged = access.import_for_user(request.user, token)
    return submit(
        request,
        ConfirmForm(post_data(request)),
        lambda data: actions.discard_import(staged=staged, by=request.user),
        success=reverse("awards:import_upload"),
        message=_("Import discarded: nothing was written."),
        template="awards/confirm.html",
        context={
            "title": _("Discard the import of %(file)s?") % {"file": staged.original_name},
            "back": reverse("awards:import_preview", args=[token]),
            "danger": True,
        },
    )
