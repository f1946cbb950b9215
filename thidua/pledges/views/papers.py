"""The signed pledge as a paper (Word or PDF), for whoever may read the pledge."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from thidua.documents.engine import UnsupportedFormat
from thidua.documents.engine import render as render_paper

from .. import access
from ..papers import SIGNED_PLEDGE


@login_required
@require_GET
def signed_pledge(request: HttpRequest, version_id: int, fmt: str) -> HttpResponse:
    version = access.version_for_viewing(request.user, version_id)
    try:
        data, filename, content_type = render_paper(SIGNED_PLEDGE, fmt, pledge_version=version)
    except UnsupportedFormat:
        raise Http404 from None
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
