from django.contrib import admin

from thidua.core.admin import AuditedAdmin

from .models import Person, Unit, UnitSuccession


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ("short_name", "name", "kind", "parent", "valid_from", "valid_to", "is_sample")
    list_filter = ("kind", "is_sample")
    search_fields = ("search_text",)
    readonly_fields = ("path", "depth", "parent")

    def has_add_permission(self, request):
        return False  # units are created on the unit pages, which place them in the tree


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(AuditedAdmin):
    list_display = ("predecessor", "successor", "kind", "effective_on")


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
    list_display = ("full_name", "unit", "sex", "position", "is_sample")
    list_filter = ("sex", "is_sample")
    search_fields = ("search_text",)
    autocomplete_fields = ("unit",)
