from django.urls import path

from . import views

app_name = "campaigns"
urlpatterns = [
    path("", views.index, name="index"),
    path("movements/new/", views.movement_create, name="movement_create"),
    path("movements/<int:movement_id>/", views.movement_detail, name="movement_detail"),
    path("movements/<int:movement_id>/edit/", views.movement_edit, name="movement_edit"),
    path(
        "movements/<int:movement_id>/leaders/new/",
        views.movement_leader_add,
        name="movement_leader_add",
    ),
    path(
        "movements/<int:movement_id>/targets/new/",
        views.movement_target_add,
        name="movement_target_add",
    ),
    path("peak/new/", views.campaign_create, name="campaign_create"),
    path("peak/<int:campaign_id>/", views.campaign_detail, name="campaign_detail"),
    path("peak/<int:campaign_id>/edit/", views.campaign_edit, name="campaign_edit"),
    path(
        "peak/<int:campaign_id>/targets/new/",
        views.campaign_target_add,
        name="campaign_target_add",
    ),
    path("targets/<int:target_id>/report/", views.report_create, name="report_create"),
    path("reports/<int:report_id>/edit/", views.report_edit, name="report_edit"),
    path(
        "clusters/<int:cluster_id>/",
        views.cluster_registrations,
        name="cluster_registrations",
    ),
    path("clusters/<int:cluster_id>/rule/", views.rule_edit, name="rule_edit"),
    path(
        "clusters/<int:cluster_id>/register/<int:unit_id>/",
        views.registration_edit,
        name="registration_edit",
    ),
    path("clusters/<int:cluster_id>/remind/", views.remind, name="remind"),
    path(
        "clusters/<int:cluster_id>/inspections/new/",
        views.inspection_plan,
        name="inspection_plan",
    ),
    path(
        "inspections/<int:inspection_id>/record/",
        views.inspection_record,
        name="inspection_record",
    ),
    path("exemplars/", views.exemplar_list, name="exemplar_list"),
    path("exemplars/new/", views.exemplar_create, name="exemplar_create"),
    path("exemplars/<int:exemplar_id>/", views.exemplar_detail, name="exemplar_detail"),
    path("exemplars/<int:exemplar_id>/edit/", views.exemplar_edit, name="exemplar_edit"),
    path(
        "exemplars/<int:exemplar_id>/replications/new/",
        views.replication_add,
        name="replication_add",
    ),
    path("notifications/", views.notification_list, name="notification_list"),
    path(
        "notifications/<int:notification_id>/read/",
        views.notification_read,
        name="notification_read",
    ),
]
