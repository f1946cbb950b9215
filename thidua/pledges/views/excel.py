"""The criteria table as Excel: the documented template, export, and all-or-nothing import."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import access, actions, excel, queries
from ..forms import ImportForm
from ._common import detail_url, posted, submit, version_context

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def criteria_template(request: HttpRequest) -> HttpResponse:
    return _xlsx(excel.write_criteria([]), "mau-bang-tieu-chi.xlsx")


@login_required
@require_GET
def criteria_export(request: HttpRequest, version_id: int) -> HttpResponse:
    version = access.version_for_viewing(request.user, version_id)
    rows = queries.snapshot(version)["criteria"]
    cluster = version.pledge.cluster
    name = slugify(f"tieu-chi {cluster.name} {cluster.emulation_year.year} v{version.number}")
    return _xlsx(excel.write_criteria(rows, title=version.title), f"{name}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def criteria_import(request: HttpRequest, version_id: int) -> HttpResponse:
    version = access.version_for_editing(request.user, version_id)
    form = ImportForm(posted(request), request.FILES or None)

    def message(result) -> str:
        return _("Imported: %(created)s new, %(updated)s updated, %(removed)s removed.") % result

    return submit(
        request,
        form,
        lambda data: actions.import_criteria(
            pledge_version=version, upload=data["file"], by=request.user
        ),
        success=detail_url(version, "criteria"),
        message=message,
        template="pledges/import.html",
        context=version_context(version, _("Import the criteria from Excel"), multipart=True),
    )
