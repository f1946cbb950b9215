from django.contrib import admin
from django.forms.models import model_to_dict

from . import audit
from .models import AuditEntry


class AuditedAdmin(admin.ModelAdmin):
    """Admin edits leave the same audit trail as the pages and the API."""

    def save_model(self, request, obj, form, change):
        before = None
        if change and obj.pk:
            before = model_to_dict(type(obj).objects.get(pk=obj.pk))
        super().save_model(request, obj, form, change)
        verb = "updated" if change else "created"
        audit.record(
            actor=request.user,
            action=f"{obj._meta.label_lower}.{verb}",
            obj=obj,
            before=before,
            after=model_to_dict(obj),
            via="admin",
        )

    def delete_model(self, request, obj):
        audit.record(
            actor=request.user,
            action=f"{obj._meta.label_lower}.deleted",
            obj=obj,
            before=model_to_dict(obj),
            via="admin",
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "actor_label", "action", "object_repr", "via")
    list_filter = ("action", "via", "object_type")
    search_fields = ("actor_label", "object_repr", "action")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
