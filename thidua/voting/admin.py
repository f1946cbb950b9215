"""Admin: the configured voting rules (approval thresholds and quorum rules per regime, province,
council level and period), edited by the system administrator on the board's instruction and
audited. Ballots, turnout and votes are never shown here: they change only through the voting
pages, and the vote table is read only by the tally."""

from django.contrib import admin

from thidua.core.admin import AuditedAdmin

from .models import ApprovalThreshold, QuorumRule


@admin.register(ApprovalThreshold)
class ApprovalThresholdAdmin(AuditedAdmin):
    list_display = (
        "award_code",
        "regime",
        "numerator",
        "denominator",
        "comparison",
        "of_all_members",
        "province",
        "council_level",
        "valid_from",
        "valid_to",
    )
    list_filter = ("regime", "award_code", "council_level", "of_all_members")
    raw_id_fields = ("province",)


@admin.register(QuorumRule)
class QuorumRuleAdmin(AuditedAdmin):
    list_display = (
        "numerator",
        "denominator",
        "comparison",
        "province",
        "council_level",
        "valid_from",
        "valid_to",
    )
    raw_id_fields = ("province",)
