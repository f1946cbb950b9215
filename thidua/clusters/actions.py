"""Every write to emulation years, clusters and their documents: atomic, validated, audited."""

from __future__ import annotations

import datetime
import os

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from thidua.core import audit, uploads, vn
from thidua.core.errors import StaleEditError
from thidua.organizations.models import Unit

from .models import Cluster, ClusterDocument, ClusterMembership, EmulationYear

CLUSTER_FIELDS = ("kind", "number", "name", "description", "leader", "deputy", "next_leader")


@transaction.atomic
def create_emulation_year(*, unit: Unit, year: int, theme: str = "", by) -> EmulationYear:
    if EmulationYear.objects.filter(unit=unit, year=year).exists():
        raise ValidationError({"year": _("This emulation year already exists for this unit.")})
    if not 1945 <= year <= 2100:
        raise ValidationError({"year": _("Enter a year between 1945 and 2100.")})
    ey = EmulationYear.objects.create(unit=unit, year=year, theme=vn.clean_text(theme))
    audit.record(
        actor=by,
        action="clusters.emulation_year.created",
        obj=ey,
        after=audit.snapshot(ey, ("unit", "year", "theme")),
        unit=unit,
    )
    return ey


def _check_membership(
    *, emulation_year: EmulationYear, members: list[Unit], leader, deputy, cluster=None
) -> None:
    ids = [m.pk for m in members]
    if len(ids) != len(set(ids)):
        raise ValidationError({"members": _("A unit is listed twice among the members.")})
    if leader is not None and leader.pk not in ids:
        raise ValidationError({"leader": _("The leader unit must be a member of the cluster.")})
    if deputy is not None and deputy.pk not in ids:
        raise ValidationError({"deputy": _("The deputy unit must be a member of the cluster.")})
    if leader is not None and deputy is not None and leader.pk == deputy.pk:
        raise ValidationError({"deputy": _("The leader and the deputy must be different units.")})
    taken = (
        ClusterMembership.objects.filter(emulation_year=emulation_year, unit_id__in=ids)
        .exclude(cluster=cluster)
        .select_related("unit", "cluster")
    )
    clash = taken.first()
    if clash is not None:
        raise ValidationError(
            {
                "members": _("%(unit)s is already a member of %(cluster)s in %(year)s.")
                % {
                    "unit": clash.unit.name,
                    "cluster": clash.cluster.name,
                    "year": emulation_year.year,
                }
            }
        )


def _save_members(cluster: Cluster, members: list[Unit]) -> None:
    ClusterMembership.objects.filter(cluster=cluster).exclude(unit__in=members).delete()
    existing = set(cluster.memberships.values_list("unit_id", flat=True))
    try:
        with transaction.atomic():
            ClusterMembership.objects.bulk_create(
                ClusterMembership(cluster=cluster, unit=m, emulation_year=cluster.emulation_year)
                for m in members
                if m.pk not in existing
            )
    except IntegrityError as exc:  # a concurrent set-up took one of these units first
        raise ValidationError(
            {"members": _("A unit is already a member of another cluster this year.")}
        ) from exc


@transaction.atomic
def create_cluster(
    *,
    emulation_year: EmulationYear,
    kind: str,
    number: str,
    name: str,
    members: list[Unit],
    leader: Unit | None = None,
    deputy: Unit | None = None,
    description: str = "",
    is_sample: bool = False,
    by,
) -> Cluster:
    name, number = vn.clean_text(name or ""), vn.clean_text(number or "")
    if not name:
        raise ValidationError({"name": _("This field cannot be empty.")})
    if not number:
        raise ValidationError({"number": _("This field cannot be empty.")})
    if Cluster.objects.filter(emulation_year=emulation_year, kind=kind, number=number).exists():
        raise ValidationError({"number": _("A cluster with this number already exists this year.")})
    _check_membership(emulation_year=emulation_year, members=members, leader=leader, deputy=deputy)
    cluster = Cluster.objects.create(
        emulation_year=emulation_year,
        kind=kind,
        number=number,
        name=name,
        description=vn.clean_text(description),
        leader=leader,
        deputy=deputy,
        is_sample=is_sample,
    )
    _save_members(cluster, members)
    audit.record(
        actor=by,
        action="clusters.cluster.created",
        obj=cluster,
        after={**audit.snapshot(cluster, CLUSTER_FIELDS), "members": sorted(m.pk for m in members)},
        unit=emulation_year.unit,
    )
    return cluster


@transaction.atomic
def update_cluster(
    *,
    cluster: Cluster,
    version: int,
    name: str,
    number: str,
    description: str,
    members: list[Unit],
    leader: Unit | None,
    deputy: Unit | None,
    by,
) -> Cluster:
    locked = Cluster.objects.select_for_update().select_related("emulation_year").get(pk=cluster.pk)
    if locked.version != version:
        raise StaleEditError(current=locked)
    name, number = vn.clean_text(name or ""), vn.clean_text(number or "")
    if not name:
        raise ValidationError({"name": _("This field cannot be empty.")})
    if not number:
        raise ValidationError({"number": _("This field cannot be empty.")})
    clash = Cluster.objects.filter(
        emulation_year=locked.emulation_year, kind=locked.kind, number=number
    ).exclude(pk=locked.pk)
    if clash.exists():
        raise ValidationError({"number": _("A cluster with this number already exists this year.")})
    _check_membership(
        emulation_year=locked.emulation_year,
        members=members,
        leader=leader,
        deputy=deputy,
        cluster=locked,
    )
    before = {
        **audit.snapshot(locked, CLUSTER_FIELDS),
        "members": sorted(locked.memberships.values_list("unit_id", flat=True)),
    }
    locked.name, locked.number, locked.description = name, number, vn.clean_text(description)
    locked.leader, locked.deputy = leader, deputy
    locked.version += 1
    locked.save(update_fields=["name", "number", "description", "leader", "deputy", "version"])
    _save_members(locked, members)
    audit.record(
        actor=by,
        action="clusters.cluster.updated",
        obj=locked,
        before=before,
        after={**audit.snapshot(locked, CLUSTER_FIELDS), "members": sorted(m.pk for m in members)},
        unit=locked.emulation_year.unit,
    )
    return locked


@transaction.atomic
def choose_next_leader(*, cluster: Cluster, unit: Unit, by) -> Cluster:
    """Record the leader chosen at the year-end review for next year (rotation)."""
    locked = Cluster.objects.select_for_update().get(pk=cluster.pk)
    if not locked.memberships.filter(unit=unit).exists():
        raise ValidationError(
            {"next_leader": _("The next leader must be a member of the cluster.")}
        )
    before = audit.snapshot(locked, ("next_leader",))
    locked.next_leader = unit
    locked.version += 1
    locked.save(update_fields=["next_leader", "version"])
    audit.record(
        actor=by,
        action="clusters.cluster.next_leader_chosen",
        obj=locked,
        before=before,
        after=audit.snapshot(locked, ("next_leader",)),
        unit=unit,
    )
    return locked


@transaction.atomic
def roll_over_cluster(*, cluster: Cluster, emulation_year: EmulationYear, by) -> Cluster:
    """Set up the same cluster for a later year: same members, next year's leader takes over."""
    cluster = Cluster.objects.select_related("emulation_year", "next_leader").get(pk=cluster.pk)
    if emulation_year.unit_id != cluster.emulation_year.unit_id or (
        emulation_year.year <= cluster.emulation_year.year
    ):
        raise ValidationError(_("Choose a later emulation year of the same organising unit."))
    members = list(Unit.objects.filter(cluster_memberships__cluster=cluster, valid_to__isnull=True))
    leader = cluster.next_leader if cluster.next_leader in members else None
    return create_cluster(
        emulation_year=emulation_year,
        kind=cluster.kind,
        number=cluster.number,
        name=cluster.name,
        description=cluster.description,
        members=members,
        leader=leader,
        by=by,
    )


@transaction.atomic
def add_cluster_document(
    *,
    cluster: Cluster,
    kind: str,
    number: str,
    issued_on: datetime.date,
    title: str,
    upload,
    by,
) -> ClusterDocument:
    number, title = vn.clean_text(number or ""), vn.clean_text(title or "")
    if not number:
        raise ValidationError({"number": _("This field cannot be empty.")})
    if not title:
        raise ValidationError({"title": _("This field cannot be empty.")})
    content_type = uploads.check_upload(upload)
    upload.name = os.path.basename(vn.nfc(upload.name))[-120:]
    doc = ClusterDocument.objects.create(
        cluster=cluster,
        kind=kind,
        number=number,
        issued_on=issued_on,
        title=title,
        file=upload,
        content_type=content_type,
        uploaded_by=by,
    )
    audit.record(
        actor=by,
        action="clusters.document.added",
        obj=doc,
        after=audit.snapshot(doc, ("cluster", "kind", "number", "issued_on", "title", "file")),
        unit=cluster.leader,
    )
    return doc
