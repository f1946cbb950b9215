"""Editing a draft's content: key tasks, content groups, criteria, bonus and penalty rules,
grades and the tie-break chain. Each view: access → form → action → back to the pledge."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.core.errors import StaleEditError
from thidua.core.forms import VersionedForm, apply_action_error

from .. import access, actions, validation
from ..forms import (
    ConfirmForm,
    CriterionEditForm,
    CriterionForm,
    GradeFormSet,
    GroupEditForm,
    GroupForm,
    KeyTaskEditForm,
    KeyTaskForm,
    RuleEditForm,
    RuleForm,
    TieBreakFormSet,
)
from ._common import detail_url, posted, submit, version_context

EDIT = ["GET", "POST"]


def _delete_page(request, part, run, *, heading, what: str) -> HttpResponse:
    version = part.pledge_version
    return submit(
        request,
        ConfirmForm(posted(request)),
        lambda data: run(),
        success=detail_url(version),
        message=_("Deleted."),
        context=version_context(version, heading, intro=what, button=_("Delete"), danger=True),
    )


# --- key tasks --------------------------------------------------------------------------------


@login_required
@require_http_methods(EDIT)
def key_task_add(request: HttpRequest, version_id: int) -> HttpResponse:
    version = access.version_for_editing(request.user, version_id)
    return submit(
        request,
        KeyTaskForm(posted(request)),
        lambda d: actions.add_key_task(pledge_version=version, text=d["text"], by=request.user),
        success=detail_url(version, "key-tasks"),
        message=_("Key task added."),
        context=version_context(version, _("Add a key task")),
    )


@login_required
@require_http_methods(EDIT)
def key_task_edit(request: HttpRequest, task_id: int) -> HttpResponse:
    task = access.key_task_for_editing(request.user, task_id)
    form = KeyTaskEditForm(
        posted(request),
        initial={"text": task.text, "position": task.position, "version": task.version},
    )
    return submit(
        request,
        form,
        lambda d: actions.update_key_task(task=task, by=request.user, **d),
        success=detail_url(task.pledge_version, "key-tasks"),
        message=_("Key task saved."),
        context=version_context(task.pledge_version, _("Edit a key task")),
    )


@login_required
@require_http_methods(EDIT)
def key_task_delete(request: HttpRequest, task_id: int) -> HttpResponse:
    task = access.key_task_for_editing(request.user, task_id)
    return _delete_page(
        request,
        task,
        lambda: actions.delete_key_task(task=task, by=request.user),
        heading=_("Delete a key task"),
        what=task.text,
    )


# --- content groups ---------------------------------------------------------------------------


@login_required
@require_http_methods(EDIT)
def group_add(request: HttpRequest, version_id: int) -> HttpResponse:
    version = access.version_for_editing(request.user, version_id)
    return submit(
        request,
        GroupForm(posted(request)),
        lambda d: actions.add_group(pledge_version=version, by=request.user, **d),
        success=detail_url(version, "criteria"),
        message=_("Content group added."),
        context=version_context(version, _("Add a content group")),
    )


@login_required
@require_http_methods(EDIT)
def group_edit(request: HttpRequest, group_id: int) -> HttpResponse:
    group = access.group_for_editing(request.user, group_id)
    initial = {
        "title": group.title,
        "bonus_cap": validation.number_text(group.bonus_cap),
        "penalty_cap": validation.number_text(group.penalty_cap),
        "position": group.position,
        "version": group.version,
    }
    return submit(
        request,
        GroupEditForm(posted(request), initial=initial),
        lambda d: actions.update_group(group=group, by=request.user, **d),
        success=detail_url(group.pledge_version, f"group-{group.pk}"),
        message=_("Content group saved."),
        context=version_context(group.pledge_version, _("Edit a content group")),
    )


@login_required
@require_http_methods(EDIT)
def group_delete(request: HttpRequest, group_id: int) -> HttpResponse:
    group = access.group_for_editing(request.user, group_id)
    return _delete_page(
        request,
        group,
        lambda: actions.delete_group(group=group, by=request.user),
        heading=_("Delete a content group"),
        what=group.title,
    )


# --- criteria ---------------------------------------------------------------------------------


def _criterion_context(version, heading, group) -> dict:
    return version_context(version, heading, group=group)


@login_required
@require_http_methods(EDIT)
def criterion_add(request: HttpRequest, group_id: int) -> HttpResponse:
    group = access.group_for_editing(request.user, group_id)
    version = group.pledge_version
    form = CriterionForm(posted(request), version=version)
    return submit(
        request,
        form,
        lambda d: actions.add_criterion(group=group, by=request.user, **d),
        success=detail_url(version, f"group-{group.pk}"),
        message=_("Criterion added."),
        template="pledges/criterion_form.html",
        partial="pledges/_criterion_form.html",
        context=_criterion_context(version, _("Add a criterion"), group),
    )


@login_required
@require_http_methods(EDIT)
def criterion_edit(request: HttpRequest, criterion_id: int) -> HttpResponse:
    criterion = access.criterion_for_editing(request.user, criterion_id)
    version = criterion.pledge_version
    initial = {
        name: getattr(criterion, name) or ""
        for name in ("code", "text", "method", "target_unit", "evidence")
    }
    for name in ("max_score", "target_value", "threshold_value", "bonus_cap", "penalty_cap"):
        initial[name] = validation.number_text(getattr(criterion, name))
    initial.update(
        levels=validation.format_levels(criterion.levels),
        group=criterion.group_id,
        position=criterion.position,
        version=criterion.version,
    )
    form = CriterionEditForm(
        posted(request),
        initial=initial,
        version=version,
        criterion=criterion,
        groups=version.groups.order_by("position", "pk"),
    )
    return submit(
        request,
        form,
        lambda d: actions.update_criterion(criterion=criterion, by=request.user, **d),
        success=detail_url(version, f"criterion-{criterion.pk}"),
        message=_("Criterion saved."),
        template="pledges/criterion_form.html",
        partial="pledges/_criterion_form.html",
        context=_criterion_context(version, _("Edit a criterion"), criterion.group),
    )


@login_required
@require_http_methods(EDIT)
def criterion_delete(request: HttpRequest, criterion_id: int) -> HttpResponse:
    criterion = access.criterion_for_editing(request.user, criterion_id)
    return _delete_page(
        request,
        criterion,
        lambda: actions.delete_criterion(criterion=criterion, by=request.user),
        heading=_("Delete a criterion"),
        what=str(criterion),
    )


# --- bonus and penalty rules --------------------------------------------------------------------


@login_required
@require_http_methods(EDIT)
def rule_add(request: HttpRequest, version_id: int) -> HttpResponse:
    version = access.version_for_editing(request.user, version_id)
    return submit(
        request,
        RuleForm(posted(request), version=version),
        lambda d: actions.add_rule(pledge_version=version, by=request.user, **d),
        success=detail_url(version, "rules"),
        message=_("Rule added."),
        context=version_context(version, _("Add a bonus or penalty rule")),
    )


@login_required
@require_http_methods(EDIT)
def rule_edit(request: HttpRequest, rule_id: int) -> HttpResponse:
    rule = access.rule_for_editing(request.user, rule_id)
    version = rule.pledge_version
    initial = {
        "kind": rule.kind,
        "text": rule.text,
        "points": validation.number_text(rule.points),
        "criterion": rule.criterion_id,
        "group": rule.group_id,
        "version": rule.version,
    }
    return submit(
        request,
        RuleEditForm(posted(request), initial=initial, version=version),
        lambda d: actions.update_rule(rule=rule, by=request.user, **d),
        success=detail_url(version, "rules"),
        message=_("Rule saved."),
        context=version_context(version, _("Edit a bonus or penalty rule")),
    )


@login_required
@require_http_methods(EDIT)
def rule_delete(request: HttpRequest, rule_id: int) -> HttpResponse:
    rule = access.rule_for_editing(request.user, rule_id)
    return _delete_page(
        request,
        rule,
        lambda: actions.delete_rule(rule=rule, by=request.user),
        heading=_("Delete a bonus or penalty rule"),
        what=rule.text,
    )


# --- grades and tie-breaks (a list edited at once) ---------------------------------------------


def _list_page(request, version, formset, run, *, heading, intro, anchor) -> HttpResponse:
    guard = VersionedForm(posted(request), initial={"version": version.version})
    status = 200
    if request.method == "POST":
        status = 400
        if guard.is_valid() and formset.is_valid():
            try:
                run(guard.cleaned_data["version"], [f.cleaned_data for f in formset])
            except (ValidationError, StaleEditError) as exc:
                status = apply_action_error(guard, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect(detail_url(version, anchor))
    return render(
        request,
        "pledges/list_form.html",
        {"form": guard, "formset": formset, **version_context(version, heading, intro=intro)},
        status=status,
    )


@login_required
@require_http_methods(EDIT)
def grades_edit(request: HttpRequest, version_id: int) -> HttpResponse:
    version = access.version_for_editing(request.user, version_id)
    initial = [
        {
            "label": g.label,
            "min_score": validation.number_text(g.min_score),
            "excluded_by_zero_criterion": g.excluded_by_zero_criterion,
        }
        for g in version.grades.order_by("position")
    ]
    initial += [{}] * (6 - len(initial))
    formset = GradeFormSet(posted(request), initial=initial, prefix="grades")

    def run(expected, rows):
        grades = [r for r in rows if r.get("label") or r.get("min_score")]
        return actions.set_grades(
            pledge_version=version, version=expected, grades=grades, by=request.user
        )

    return _list_page(
        request,
        version,
        formset,
        run,
        heading=_("Grades"),
        intro=_(
            "Best grade first, each from fewer points, e.g. Xuất sắc 95, Tốt 85, Khá 75. Tick "
            "the grades a unit cannot reach when one of its criteria scores 0."
        ),
        anchor="grades",
    )


@login_required
@require_http_methods(EDIT)
def tie_breaks_edit(request: HttpRequest, version_id: int) -> HttpResponse:
    version = access.version_for_editing(request.user, version_id)
    groups = version.groups.order_by("position", "pk")
    initial = [{"kind": s.kind, "group": s.group_id} for s in version.tie_breaks.all()]
    initial += [{}] * (6 - len(initial))
    formset = TieBreakFormSet(
        posted(request), initial=initial, prefix="steps", form_kwargs={"groups": groups}
    )

    def run(expected, rows):
        steps = [
            {"kind": r["kind"], "group_id": r["group"].pk if r.get("group") else None}
            for r in rows
            if r.get("kind")
        ]
        return actions.set_tie_breaks(
            pledge_version=version, version=expected, steps=steps, by=request.user
        )

    return _list_page(
        request,
        version,
        formset,
        run,
        heading=_("Tie-break chain"),
        intro=_("Applied in order to units with the same total."),
        anchor="grades",
    )
