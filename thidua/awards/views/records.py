"""Record ratings, judgements, initiatives, disciplines, pending matters and maternity leave."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import access, actions
from .. import subjects as s
from ..forms import (
    CloseMatterForm,
    ConfirmForm,
    DisciplineEditForm,
    DisciplineForm,
    FactForm,
    InitiativeEditForm,
    InitiativeForm,
    MaternityForm,
    MatterForm,
    RatingEditForm,
    RatingForm,
)
from ._common import history_url, post_data, submit


def _context(subject, title: str) -> dict:
    return {"title": title, "subject": subject, "back": history_url(subject)}


def _named(title: str, subject) -> str:
    return f"{title} — {s.name_of(subject)}"


def _without_version(data: dict) -> tuple[int, dict]:
    data = dict(data)
    return data.pop("version"), data


@login_required
@require_http_methods(["GET", "POST"])
def rating_create(request: HttpRequest, kind: str, subject_id: int) -> HttpResponse:
    subject = access.subject_for_recording(request.user, kind, subject_id, access.RATING)
    form = RatingForm(post_data(request), initial={"year": timezone.localdate().year - 1})
    return submit(
        request,
        form,
        lambda data: actions.record_rating(subject=subject, by=request.user, **data),
        success=history_url(subject),
        message=_("Rating recorded."),
        context=_context(subject, _named(_("Record a yearly rating"), subject)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def rating_edit(request: HttpRequest, rating_id: int) -> HttpResponse:
    rating = access.rating_for_editing(request.user, rating_id)
    form = RatingEditForm(
        post_data(request), initial={"rating": rating.rating, "version": rating.version}
    )
    return submit(
        request,
        form,
        lambda data: actions.change_rating(
            rating=rating, version=data["version"], value=data["rating"], by=request.user
        ),
        success=history_url(rating.subject),
        message=_("Rating saved."),
        context=_context(
            rating.subject,
            _named(_("Rating for %(year)s") % {"year": rating.year}, rating.subject),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def fact_create(request: HttpRequest, kind: str, subject_id: int) -> HttpResponse:
    subject = access.subject_for_recording(request.user, kind, subject_id, access.FACT)
    form = FactForm(post_data(request), initial={"year": timezone.localdate().year - 1})
    return submit(
        request,
        form,
        lambda data: actions.record_fact(subject=subject, by=request.user, **data),
        success=history_url(subject),
        message=_("Judgement recorded."),
        context=_context(subject, _named(_("Record a judgement"), subject)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def fact_remove(request: HttpRequest, fact_id: int) -> HttpResponse:
    fact = access.fact_for_removing(request.user, fact_id)
    subject = fact.subject
    return submit(
        request,
        ConfirmForm(post_data(request)),
        lambda data: actions.remove_fact(fact=fact, by=request.user),
        success=history_url(subject),
        message=_("Judgement removed."),
        template="awards/confirm.html",
        context={
            **_context(
                subject,
                _("Remove the judgement “%(fact)s” (%(year)s)?")
                % {"fact": fact.get_fact_display(), "year": fact.year},
            ),
            "danger": True,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def initiative_create(request: HttpRequest, kind: str, subject_id: int) -> HttpResponse:
    subject = access.subject_for_recording(request.user, kind, subject_id, access.INITIATIVE)
    form = InitiativeForm(post_data(request))
    return submit(
        request,
        form,
        lambda data: actions.record_initiative(subject=subject, by=request.user, **data),
        success=history_url(subject),
        message=_("Initiative recorded."),
        context=_context(subject, _named(_("Record an initiative or research project"), subject)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def initiative_edit(request: HttpRequest, initiative_id: int) -> HttpResponse:
    initiative = access.initiative_for_editing(request.user, initiative_id)
    fields = ("kind", "title", "scope", "recognised_year", "recognised_by", "reference")
    initial = {f: getattr(initiative, f) for f in fields} | {"version": initiative.version}
    form = InitiativeEditForm(post_data(request), initial=initial)

    def save(data):
        version, changes = _without_version(data)
        return actions.update_initiative(
            initiative=initiative, version=version, by=request.user, **changes
        )

    return submit(
        request,
        form,
        save,
        success=history_url(initiative.subject),
        message=_("Initiative saved."),
        context=_context(initiative.subject, _named(initiative.title, initiative.subject)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def discipline_create(request: HttpRequest, kind: str, subject_id: int) -> HttpResponse:
    subject = access.subject_for_recording(request.user, kind, subject_id, access.DISCIPLINE)
    form = DisciplineForm(post_data(request))
    return submit(
        request,
        form,
        lambda data: actions.record_discipline(subject=subject, by=request.user, **data),
        success=history_url(subject),
        message=_("Discipline recorded."),
        context=_context(subject, _named(_("Record a discipline"), subject)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def discipline_edit(request: HttpRequest, discipline_id: int) -> HttpResponse:
    discipline = access.discipline_for_editing(request.user, discipline_id)
    fields = ("code", "decided_on", "ends_on", "decision_number", "reason")
    initial = {f: getattr(discipline, f) for f in fields} | {"version": discipline.version}
    form = DisciplineEditForm(post_data(request), initial=initial)

    def save(data):
        version, changes = _without_version(data)
        return actions.update_discipline(
            discipline=discipline, version=version, by=request.user, **changes
        )

    return submit(
        request,
        form,
        save,
        success=history_url(discipline.subject),
        message=_("Discipline saved."),
        context=_context(discipline.subject, _named(_("Edit discipline"), discipline.subject)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def matter_create(request: HttpRequest, kind: str, subject_id: int) -> HttpResponse:
    subject = access.subject_for_recording(request.user, kind, subject_id, access.MATTER)
    form = MatterForm(post_data(request), initial={"opened_on": timezone.localdate()})
    return submit(
        request,
        form,
        lambda data: actions.open_matter(subject=subject, by=request.user, **data),
        success=history_url(subject),
        message=_("Pending matter recorded: proposals are blocked until it is closed."),
        context=_context(subject, _named(_("Record a pending matter"), subject)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def matter_close(request: HttpRequest, matter_id: int) -> HttpResponse:
    matter = access.matter_for_closing(request.user, matter_id)
    form = CloseMatterForm(
        post_data(request),
        initial={"closed_on": timezone.localdate(), "version": matter.version},
    )
    return submit(
        request,
        form,
        lambda data: actions.close_matter(matter=matter, by=request.user, **data),
        success=history_url(matter.subject),
        message=_("Pending matter closed."),
        context=_context(
            matter.subject,
            _named(_("Close: %(kind)s") % {"kind": matter.get_kind_display()}, matter.subject),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def maternity_create(request: HttpRequest, kind: str, subject_id: int) -> HttpResponse:
    person = access.subject_for_recording(request.user, kind, subject_id, access.MATERNITY)
    form = MaternityForm(post_data(request))
    return submit(
        request,
        form,
        lambda data: actions.record_maternity_leave(person=person, by=request.user, **data),
        success=history_url(person),
        message=_("Maternity leave recorded."),
        context=_context(person, _named(_("Record maternity leave"), person)),
    )


@login_required
@require_http_methods(["GET", "POST"])
def maternity_remove(request: HttpRequest, leave_id: int) -> HttpResponse:
    leave = access.maternity_for_removing(request.user, leave_id)
    return submit(
        request,
        ConfirmForm(post_data(request)),
        lambda data: actions.remove_maternity_leave(leave=leave, by=request.user),
        success=history_url(leave.person),
        message=_("Maternity leave removed."),
        template="awards/confirm.html",
        context={
            **_context(
                leave.person, _("Remove the maternity leave of %(year)s?") % {"year": leave.year}
            ),
            "danger": True,
        },
    )
