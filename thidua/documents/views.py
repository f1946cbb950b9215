"""Downloads of papers and batches of papers: access → render (or queue) → respond.

A format the paper is not made in is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.campaigns.papers import REGISTRATION_LIST
from thidua.core.errors import StaleEditError

from . import access, actions
from .batches import archive_path, get_kind, progress_of
from .engine import Paper, UnsupportedFormat
from .engine import render as render_paper
from .models import Batch, BatchStatus, ItemStatus
from .papers.clusters import MEMBER_LIST, YEAR_DECISION


def _download(paper: Paper, fmt: str, **kwargs) -> HttpResponse:
    try:
        data, filename, content_type = render_paper(paper, fmt, **kwargs)
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


@login_required
@require_GET
def cluster_registrations(request: HttpRequest, cluster_id: int, fmt: str) -> HttpResponse:
    cluster = access.cluster_for_papers(request.user, int(cluster_id))
    return _download(REGISTRATION_LIST, fmt, cluster=cluster)


# --- batches ------------------------------------------------------------------------------------


def _kind_or_404(code: str):
    try:
        return get_kind(code)
    except LookupError:
        raise Http404 from None


@login_required
@require_GET
def batch_list(request: HttpRequest) -> HttpResponse:
    batches = Batch.objects.filter(created_by=request.user)[:50]
    return render(request, "documents/batch_list.html", {"batches": batches})


@login_required
@require_http_methods(["GET", "POST"])
def batch_start(request: HttpRequest, kind: str, scope_id: int) -> HttpResponse:
    """GET: what the batch will make; POST: queue it and go to its progress page."""
    batch_kind = _kind_or_404(kind)
    scope = access.batch_scope(request.user, batch_kind, int(scope_id))
    if not access.may_start_batches(request.user):
        raise PermissionDenied
    items = list(batch_kind.items(scope))
    formats = batch_kind.allowed_formats
    status = 200
    if request.method == "POST":
        fmt = request.POST.get("fmt", "")
        title = f"{batch_kind.title} — {scope}"
        try:
            batch = actions.start_batch(
                kind=batch_kind, scope=scope, fmt=fmt, title=title, by=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            status = 400
        else:
            return redirect("documents:batch_detail", batch.pk)
    context = {"kind": batch_kind, "scope": scope, "items": items, "formats": formats}
    return render(request, "documents/batch_start.html", context, status=status)


def _batch_context(batch: Batch) -> dict:
    progress = progress_of(batch)
    failed = batch.items.filter(status=ItemStatus.FAILED).order_by("position")
    return {
        "batch": batch,
        "progress": progress,
        "failed": failed,
        "running": batch.status in (BatchStatus.QUEUED, BatchStatus.RUNNING),
    }


@login_required
@require_GET
def batch_detail(request: HttpRequest, batch_id: int) -> HttpResponse:
    """The batch's progress bar; while it runs, htmx polls for the bar alone."""
    batch = access.batch_for_owner(request.user, int(batch_id))
    template = "documents/_batch_progress.html" if request.htmx else "documents/batch_detail.html"
    return render(request, template, _batch_context(batch))


@login_required
@require_POST
def batch_again(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = access.batch_for_owner(request.user, int(batch_id))
    try:
        actions.run_batch_again(batch=batch, by=request.user)
    except (ValidationError, StaleEditError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, _("The batch is queued again."))
    return redirect("documents:batch_detail", batch.pk)


@login_required
@require_GET
def batch_download(request: HttpRequest, batch_id: int) -> FileResponse:
    batch = access.batch_for_owner(request.user, int(batch_id))
    if batch.status != BatchStatus.DONE or not batch.archive:
        raise Http404
    path = archive_path(batch)
    if not path.is_file():
        raise Http404
    name = f"tai-lieu-{batch.pk}-{batch.fmt}.zip"
    response = FileResponse(path.open("rb"), as_attachment=True, filename=name)
    response["Content-Type"] = "application/zip"
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
