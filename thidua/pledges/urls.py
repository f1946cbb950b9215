from django.urls import path, re_path

from . import views

app_name = "pledges"
urlpatterns = [
    path("", views.pledge_list, name="pledge_list"),
    path("template.xlsx", views.criteria_template, name="criteria_template"),
    path("clusters/<int:cluster_id>/new/", views.pledge_create, name="pledge_create"),
    path("<int:pledge_id>/", views.pledge_detail, name="pledge_detail"),
    path("<int:pledge_id>/amend/", views.amend, name="amend"),
    path("compare/<int:old_id>/<int:new_id>/", views.compare, name="compare"),
    path("versions/<int:version_id>/settings/", views.settings_edit, name="settings_edit"),
    path("versions/<int:version_id>/total/", views.running_total, name="running_total"),
    path("versions/<int:version_id>/discard/", views.discard, name="discard"),
    path("versions/<int:version_id>/open/", views.open_signing, name="open_signing"),
    path("versions/<int:version_id>/withdraw/", views.withdraw, name="withdraw"),
    path("versions/<int:version_id>/sign/", views.sign, name="sign"),
    path("versions/<int:version_id>/import/", views.criteria_import, name="criteria_import"),
    path("versions/<int:version_id>/export.xlsx", views.criteria_export, name="criteria_export"),
    re_path(
        r"^versions/(?P<version_id>[0-9]+)/pledge\.(?P<fmt>docx|pdf)$",
        views.signed_pledge,
        name="signed_pledge",
    ),
    path("versions/<int:version_id>/tasks/new/", views.key_task_add, name="key_task_add"),
    path("tasks/<int:task_id>/edit/", views.key_task_edit, name="key_task_edit"),
    path("tasks/<int:task_id>/delete/", views.key_task_delete, name="key_task_delete"),
    path("versions/<int:version_id>/groups/new/", views.group_add, name="group_add"),
    path("groups/<int:group_id>/edit/", views.group_edit, name="group_edit"),
    path("groups/<int:group_id>/delete/", views.group_delete, name="group_delete"),
    path("groups/<int:group_id>/criteria/new/", views.criterion_add, name="criterion_add"),
    path("criteria/<int:criterion_id>/edit/", views.criterion_edit, name="criterion_edit"),
    path("criteria/<int:criterion_id>/delete/", views.criterion_delete, name="criterion_delete"),
    path("versions/<int:version_id>/rules/new/", views.rule_add, name="rule_add"),
    path("rules/<int:rule_id>/edit/", views.rule_edit, name="rule_edit"),
    path("rules/<int:rule_id>/delete/", views.rule_delete, name="rule_delete"),
    path("versions/<int:version_id>/grades/", views.grades_edit, name="grades_edit"),
    path("versions/<int:version_id>/tie-breaks/", views.tie_breaks_edit, name="tie_breaks_edit"),
]
