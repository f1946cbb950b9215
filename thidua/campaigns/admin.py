from django.contrib import admin

from thidua.core.admin import AuditedAdmin

from .models import (
    Exemplar,
    Inspection,
    Movement,
    Notification,
    PeakCampaign,
    Registration,
    RegistrationRule,
)


@admin.register(Movement)
class MovementAdmin(AuditedAdmin):
    list_display = ("name", "kind", "level", "launched_by", "start_year", "years", "is_sample")
    list_filter = ("kind", "level", "start_year")
    search_fields = ("name",)
    # Launcher, cluster and level decide scope and award effects: changed through the pages.
    readonly_fields = ("launched_by", "cluster", "level")


@admin.register(PeakCampaign)
class PeakCampaignAdmin(AuditedAdmin):
    list_display = ("name", "launched_by", "starts_on", "ends_on", "plan_number", "is_sample")
    search_fields = ("name", "plan_number")
    readonly_fields = ("launched_by", "cluster", "movement")


@admin.register(RegistrationRule)
class RegistrationRuleAdmin(AuditedAdmin):
    list_display = ("cluster", "min_models", "deadline", "is_sample")
    readonly_fields = ("cluster",)


@admin.register(Registration)
class RegistrationAdmin(AuditedAdmin):
    list_display = ("unit", "cluster", "registered_at", "is_sample")
    list_filter = ("cluster__emulation_year__year",)
    readonly_fields = ("cluster", "unit")


@admin.register(Inspection)
class InspectionAdmin(AuditedAdmin):
    list_display = ("cluster", "inspecting", "inspected", "planned_on", "status")
    readonly_fields = ("cluster", "inspecting", "inspected")


@admin.register(Exemplar)
class ExemplarAdmin(AuditedAdmin):
    list_display = ("__str__", "recognised_by", "recognised_on", "is_sample")
    readonly_fields = ("person", "unit", "recognised_by")


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("recipient", "kind", "created_at", "read_at")
    list_filter = ("kind",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
