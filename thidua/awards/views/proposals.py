"""Award proposals and their dossiers: access → validate → action → redirect or render.

The forms live here with their views (they only shape input; the rules are in the actions)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.core.forms import BootstrapMixin, DateInput, VersionedForm
from thidua.documents.engine import UnsupportedFormat
from thidua.documents.engine import render as render_paper
from thidua.organizations.models import Person, Unit
from thidua.organizations.queries import people_in_vietnamese_order

from .. import actions
from .. import subjects as s
from ..models import AwardType, DossierKind, ProposalItem, ProposalStatus
from ..queries import proposals as q
from ._common import post_data, submit

# --- forms -------------------------------------------------------------------------------------


class ProposalCreateForm(BootstrapMixin, forms.Form):
    on_behalf = forms.ChoiceField(label=gettext_lazy("Proposed by"))
    year = forms.IntegerField(label=gettext_lazy("Evaluation year"), min_value=1945, max_value=2100)
    title = forms.CharField(
        label=gettext_lazy("Subject"),
        max_length=500,
        required=False,
        help_text=gettext_lazy("Empty: “Proposal of awards for the achievements of <year>”."),
    )
    number = forms.CharField(
        label=gettext_lazy("Number of the request letter"),
        max_length=60,
        required=False,
        help_text=gettext_lazy("For example 15/TTr-UBND; empty while it is not numbered."),
    )

    def __init__(self, *args, units=(), clusters=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(f"unit-{u.pk}", u.name) for u in units]
        choices += [
            (
                f"cluster-{c.pk}",
                _("%(cluster)s of %(year)s (through %(leader)s)")
                % {"cluster": c.name, "year": c.emulation_year.year, "leader": c.leader.name},
            )
            for c in clusters
        ]
        self.fields["on_behalf"].choices = choices


class ProposalEditForm(BootstrapMixin, VersionedForm):
    title = forms.CharField(label=gettext_lazy("Subject"), max_length=500)
    number = forms.CharField(
        label=gettext_lazy("Number of the request letter"), max_length=60, required=False
    )


class ItemForm(BootstrapMixin, forms.Form):
    unit = forms.ModelChoiceField(label=gettext_lazy("Unit"), queryset=Unit.objects.none())
    person = forms.ModelChoiceField(
        label=gettext_lazy("Person"),
        queryset=Person.objects.none(),
        required=False,
        help_text=gettext_lazy("Empty: the unit itself is proposed (a collective)."),
    )
    award_type = forms.ModelChoiceField(
        label=gettext_lazy("Title or form asked for"), queryset=AwardType.objects.all()
    )
    achievements = forms.CharField(
        label=gettext_lazy("Summary of achievements"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Printed in the achievement report (Form 05)."),
    )

    def __init__(self, *args, units=None, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.none()
        self.fields["person"].queryset = people if people is not None else Person.objects.none()

    def clean(self):
        data = super().clean()
        person, unit = data.get("person"), data.get("unit")
        if person is not None and unit is not None and person.unit_id != unit.pk:
            self.add_error("person", _("This person does not belong to the unit chosen."))
        return data


class ItemEditForm(BootstrapMixin, forms.Form):
    achievements = forms.CharField(
        label=gettext_lazy("Summary of achievements"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class DocumentForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of document"), choices=DossierKind.choices)
    item = forms.ModelChoiceField(
        label=gettext_lazy("About the recipient"),
        queryset=ProposalItem.objects.none(),
        required=False,
        help_text=gettext_lazy("For an achievement report or an initiative certificate."),
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("PDF, Word, Excel, PNG or JPEG; checked by its content."),
    )

    def __init__(self, *args, items=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items if items is not None else ProposalItem.objects.none()
        self.fields["item"].label_from_instance = lambda i: (
            f"{s.name_of(i.subject)} — {i.award_type.display_name}"
        )


class VersionForm(VersionedForm):
    pass


class ReasonForm(BootstrapMixin, VersionedForm):
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 4}))


class ApproveForm(BootstrapMixin, VersionedForm):
    number = forms.CharField(
        label=gettext_lazy("Number of the decision"),
        max_length=60,
        help_text=gettext_lazy("For example 1234/QĐ-UBND."),
    )
    signed_on = forms.DateField(label=gettext_lazy("Date signed"), widget=DateInput())
    issuer_name = forms.CharField(
        label=gettext_lazy("Issuing authority"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("Empty: the name of the receiving unit."),
    )
    signer_name = forms.CharField(label=gettext_lazy("Signed by"), max_length=150, required=False)
    signer_position = forms.CharField(
        label=gettext_lazy("Signer's position"), max_length=200, required=False
    )


# --- helpers -----------------------------------------------------------------------------------


def detail_url(proposal) -> str:
    return reverse("awards:proposal_detail", args=[proposal.pk])


def _year_param(request: HttpRequest) -> int | None:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return None
    return year if 1945 <= year <= 2100 else None


def _page_context(request: HttpRequest, proposal) -> dict:
    items = q.items_of(proposal)
    for item in items:
        item.reasons = q.reasons(item)
    votes = q.vote_results(proposal)
    lines = q.checklist(proposal, items, votes)
    conflicts = q.conflicts(proposal, items, include_drafts=True)
    by_item: dict[int | None, list[str]] = {}
    for conflict in conflicts:
        by_item.setdefault(conflict.item_id, []).append(conflict.message)
    for item in items:
        item.conflicts = by_item.get(item.pk, [])
    user = request.user
    return {
        "proposal": proposal,
        "items": items,
        "checklist": lines,
        "missing": q.missing_documents(lines),
        "others": q.other_documents(proposal),
        "votes": votes,
        "failing": [i for i in items if i.verdict != "eligible"],
        "can_edit": q.can_edit(user, proposal) and proposal.is_editable,
        "can_decide": q.can_decide(user, proposal) and proposal.status == ProposalStatus.FILED,
        "can_check": q.can_edit(user, proposal) or q.can_decide(user, proposal),
    }


# --- pages -------------------------------------------------------------------------------------


@login_required
@require_GET
def proposal_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in ProposalStatus.values else ""
    received = request.GET.get("received") == "1"
    cluster = request.GET.get("cluster", "")
    proposals = q.proposal_list(
        request.user,
        status=status or None,
        year=_year_param(request),
        received=received,
        cluster=int(cluster) if cluster.isdigit() else None,
    )
    page = Paginator(proposals, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "awards/proposal_list.html",
        {
            "page": page,
            "status": status,
            "received": received,
            "statuses": ProposalStatus.choices,
            "can_draft": q.can_draft(request.user),
            "cluster": cluster if cluster.isdigit() else "",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_create(request: HttpRequest) -> HttpResponse:
    q.require_drafter(request.user)
    units = list(q.proposer_units(request.user))
    clusters = list(q.led_clusters(request.user))
    initial = {"year": timezone.localdate().year - 1}
    cluster_param = request.GET.get("cluster", "")
    if cluster_param.isdigit():
        initial["on_behalf"] = f"cluster-{cluster_param}"
    form = ProposalCreateForm(post_data(request), units=units, clusters=clusters, initial=initial)

    def create(data):
        kind, _sep, pk = data["on_behalf"].partition("-")
        if kind == "cluster":
            cluster = next(c for c in clusters if c.pk == int(pk))
            proposer, chosen = cluster.leader, cluster
        else:
            proposer, chosen = next(u for u in units if u.pk == int(pk)), None
        return actions.create_proposal(
            proposer=proposer,
            cluster=chosen,
            year=data["year"],
            title=data["title"],
            number=data["number"],
            by=request.user,
        )

    return submit(
        request,
        form,
        create,
        success=detail_url,
        message=_("Proposal drafted. Add its recipients."),
        context={"title": _("Draft an award proposal"), "back": reverse("awards:proposal_list")},
    )


@login_required
@require_GET
def proposal_detail(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = q.proposal_for_viewing(request.user, proposal_id)
    return render(request, "awards/proposal_detail.html", _page_context(request, proposal))


@login_required
@require_http_methods(["GET", "POST"])
def proposal_edit(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = q.proposal_for_editing(request.user, proposal_id)
    form = ProposalEditForm(
        post_data(request),
        initial={"title": proposal.title, "number": proposal.number, "version": proposal.version},
    )

    def save(data):
        return actions.update_proposal(
            proposal=proposal,
            version=data["version"],
            title=data["title"],
            number=data["number"],
            by=request.user,
        )

    return submit(
        request,
        form,
        save,
        success=detail_url,
        message=_("Proposal saved."),
        context={"title": _("Edit the proposal"), "back": detail_url(proposal)},
    )


@login_required
@require_POST
def proposal_check(request: HttpRequest, proposal_id: int) -> HttpResponse:
    """Run the engine again on every recipient (htmx: the recipients' table only)."""
    proposal = q.proposal_for_viewing(request.user, proposal_id)
    if not (q.can_edit(request.user, proposal) or q.can_decide(request.user, proposal)):
        raise PermissionDenied
    actions.check_proposal(proposal=proposal, by=request.user)
    if request.htmx:
        return render(request, "awards/proposal_items.html", _page_context(request, proposal))
    messages.success(request, _("Every recipient was checked again."))
    return redirect(detail_url(proposal))


@login_required
@require_http_methods(["GET", "POST"])
def item_add(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = q.proposal_for_editing(request.user, proposal_id)
    units = q.recipient_units(proposal)
    raw = request.POST.get("unit") or request.GET.get("unit")
    unit = units.filter(pk=int(raw)).first() if raw and raw.isdigit() else None
    people = people_in_vietnamese_order(Person.objects.filter(unit=unit)) if unit else None
    form = ItemForm(post_data(request), initial={"unit": unit}, units=units, people=people)

    def add(data):
        return actions.add_item(
            proposal=proposal,
            subject=data["person"] or data["unit"],
            award_type=data["award_type"],
            achievements=data["achievements"],
            by=request.user,
        )

    return submit(
        request,
        form,
        add,
        success=detail_url(proposal),
        message=_("Recipient added and checked."),
        template="awards/proposal_item_form.html",
        context={"proposal": proposal, "unit": unit, "units": units},
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, item_id: int) -> HttpResponse:
    item = q.item_for_editing(request.user, item_id)
    form = ItemEditForm(post_data(request), initial={"achievements": item.achievements})
    return submit(
        request,
        form,
        lambda data: actions.update_item(
            item=item, achievements=data["achievements"], by=request.user
        ),
        success=detail_url(item.proposal),
        message=_("Recipient saved."),
        context={
            "title": _("Achievements of %(name)s") % {"name": s.name_of(item.subject)},
            "back": detail_url(item.proposal),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_remove(request: HttpRequest, item_id: int) -> HttpResponse:
    item = q.item_for_editing(request.user, item_id)
    return submit(
        request,
        forms.Form(post_data(request)),
        lambda data: actions.remove_item(item=item, by=request.user),
        success=detail_url(item.proposal),
        message=_("Recipient removed."),
        template="awards/confirm.html",
        context={
            "title": _("Remove %(name)s from the proposal?") % {"name": s.name_of(item.subject)},
            "back": detail_url(item.proposal),
            "danger": True,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_add(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = q.proposal_for_editing(request.user, proposal_id)
    items = ProposalItem.objects.filter(proposal=proposal).select_related(
        "award_type", "person", "unit"
    )
    initial = {"kind": request.GET.get("kind", "")}
    item_param = request.GET.get("item", "")
    if item_param.isdigit():
        initial["item"] = int(item_param)
    form = DocumentForm(post_data(request), request.FILES or None, items=items, initial=initial)
    return submit(
        request,
        form,
        lambda data: actions.add_document(
            proposal=proposal,
            kind=data["kind"],
            item=data["item"],
            upload=data["file"],
            by=request.user,
        ),
        success=detail_url(proposal),
        message=_("Document added to the dossier."),
        context={
            "title": _("Add a document to the dossier"),
            "back": detail_url(proposal),
            "multipart": True,
        },
    )


@login_required
@require_GET
def document_download(request: HttpRequest, document_id: int) -> FileResponse:
    document = q.document_for_download(request.user, document_id)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def document_remove(request: HttpRequest, document_id: int) -> HttpResponse:
    document = q.document_for_removing(request.user, document_id)
    back = detail_url(document.proposal)
    return submit(
        request,
        forms.Form(post_data(request)),
        lambda data: actions.remove_document(document=document, by=request.user),
        success=back,
        message=_("Document removed."),
        template="awards/confirm.html",
        context={
            "title": _("Remove “%(name)s” from the dossier?") % {"name": document.name},
            "back": back,
            "danger": True,
        },
    )


# --- filing and the board's answer -------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def proposal_file(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = q.proposal_for_editing(request.user, proposal_id)
    form = VersionForm(post_data(request), initial={"version": proposal.version})
    return submit(
        request,
        form,
        lambda data: actions.file_proposal(
            proposal=proposal, version=data["version"], by=request.user
        ),
        success=detail_url,
        message=_("Proposal filed with the board."),
        template="awards/proposal_confirm.html",
        context={
            "title": _("File “%(title)s” with the board of %(board)s?")
            % {"title": proposal.title, "board": proposal.board.name},
            "back": detail_url(proposal),
            "proposal": proposal,
        },
    )


def _answer(request, proposal_id: int, form_class, action, *, title: str, message: str):
    proposal = q.proposal_for_deciding(request.user, proposal_id)
    form = form_class(post_data(request), initial={"version": proposal.version})

    def run(data):
        data = dict(data)
        return action(proposal=proposal, by=request.user, **data)

    return submit(
        request,
        form,
        run,
        success=detail_url,
        message=message,
        context={"title": title % {"title": proposal.title}, "back": detail_url(proposal)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_return(request: HttpRequest, proposal_id: int) -> HttpResponse:
    return _answer(
        request,
        proposal_id,
        ReasonForm,
        actions.return_proposal,
        title=_("Return “%(title)s” to its proposer"),
        message=_("Proposal returned."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_refuse(request: HttpRequest, proposal_id: int) -> HttpResponse:
    return _answer(
        request,
        proposal_id,
        ReasonForm,
        actions.refuse_proposal,
        title=_("Refuse “%(title)s”"),
        message=_("Proposal refused."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def proposal_approve(request: HttpRequest, proposal_id: int) -> HttpResponse:
    return _answer(
        request,
        proposal_id,
        ApproveForm,
        actions.approve_proposal,
        title=_("Approve “%(title)s” by a decision"),
        message=_("Proposal approved: the decision is in the registry."),
    )


# --- papers ------------------------------------------------------------------------------------


def _paper(code: str, fmt: str, **kwargs) -> HttpResponse:
    try:
        data, filename, content_type = render_paper(code, fmt, **kwargs)
    except UnsupportedFormat:
        raise Http404 from None
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def proposal_submission(request: HttpRequest, proposal_id: int, fmt: str) -> HttpResponse:
    proposal = q.proposal_for_viewing(request.user, proposal_id)
    return _paper("awards.proposal_submission", fmt, proposal=proposal)


@login_required
@require_GET
def proposal_decision_draft(request: HttpRequest, proposal_id: int, fmt: str) -> HttpResponse:
    proposal = q.proposal_for_viewing(request.user, proposal_id)
    return _paper("awards.proposal_decision_draft", fmt, proposal=proposal)


@login_required
@require_GET
def item_report(request: HttpRequest, item_id: int, fmt: str) -> HttpResponse:
    item = q.item_for_viewing(request.user, item_id)
    return _paper("awards.achievement_report", fmt, item=item)
