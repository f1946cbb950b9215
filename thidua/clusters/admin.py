from django.contrib import admin

from thidua.core.admin import AuditedAdmin

from .models import Cluster, ClusterDocument, EmulationYear


@admin.register(EmulationYear)
class EmulationYearAdmin(AuditedAdmin):
    list_display = ("year", "unit", "theme")


@admin.register(Cluster)
class ClusterAdmin(AuditedAdmin):
    list_display = ("name", "emulation_year", "kind", "leader", "deputy", "is_sample")
    list_filter = ("kind", "emulation_year__year")
    # Members, leader and deputy change through the cluster pages, where the rules are checked.
    readonly_fields = ("leader", "deputy", "next_leader")


@admin.register(ClusterDocument)
class ClusterDocumentAdmin(AuditedAdmin):
    list_display = ("number", "title", "cluster", "kind", "issued_on")
    readonly_fields = ("file", "content_type")
