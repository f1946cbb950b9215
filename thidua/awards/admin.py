"""Admin: the dated money settings change by decree (audited); everything else is read-only
here and changes through the award pages, where the rules are checked."""

from django.contrib import admin

from thidua.core.admin import AuditedAdmin

from .models import AwardType, BaseSalary, BonusMultiple, Decision, Regime


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BaseSalary)
class BaseSalaryAdmin(AuditedAdmin):
    list_display = ("valid_from", "amount", "basis")


@admin.register(BonusMultiple)
class BonusMultipleAdmin(AuditedAdmin):
    list_display = ("award_type", "subject_kind", "valid_from", "multiple", "basis")
    list_filter = ("subject_kind", "award_type__kind")


@admin.register(AwardType)
class AwardTypeAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "name_hanoi", "kind", "subject", "article")


@admin.register(Regime)
class RegimeAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "valid_from", "valid_to")


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ("number", "signed_on", "issuer_name", "recorded_in", "is_sample")
    list_filter = ("is_sample",)
    search_fields = ("number", "issuer_name")
