"""Downloads of papers: access → render → respond. A format the paper is not made in is a 404."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from . import access
from .engine import Paper, UnsupportedFormat, render
from .papers.clusters import MEMBER_LIST, YEAR_DECISION


def _download(paper: Paper, fmt: str, **kwargs) -> HttpResponse:
    try:
        data, filename, content_type = render(paper, fmt, **kwargs)
    except UnsupportedFormat:
        raise Http404 from None
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def year_clusters(request: HttpRequest, year_id: int, fmt: str) -> HttpResponse:
    year = access.year_for_papers(request.user, int(year_id))
    return _download(YEAR_DECISION, fmt, year=year)


@login_required
@require_GET
def cluster_members(request: HttpRequest, cluster_id: int, fmt: str) -> HttpResponse:
    cluster = access.cluster_for_papers(request.user, int(cluster_id))
    return _download(MEMBER_LIST, fmt, cluster=cluster)
