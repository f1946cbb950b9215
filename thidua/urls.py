from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from thidua.accounts import views as account_views
from thidua.api.api import api
from thidua.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("audit/", core_views.audit_log, name="audit_log"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(template_name="accounts/login.html"),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/tokens/", account_views.api_tokens, name="api_tokens"),
    path("accounts/tokens/<int:token_id>/revoke/", account_views.revoke_token, name="revoke_token"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("thidua.organizations.urls")),
    path("clusters/", include("thidua.clusters.urls")),
    path("pledges/", include("thidua.pledges.urls")),
    path("campaigns/", include("thidua.campaigns.urls")),
    path("awards/", include("thidua.awards.urls")),
    path("documents/", include("thidua.documents.urls")),
    path("voting/", include("thidua.voting.urls")),
    path("scoring/", include("thidua.scoring.urls")),
    path("reports/", include("thidua.reports.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
