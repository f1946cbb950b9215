"""A URLconf for the API tests: the project's URLs with the pledges router mounted on a local
NinjaAPI at /api/v1/ that has the project API's auth, parser and error handlers (the lead mounts
the same router on the project API; until then these tests do not depend on it)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import path
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as SchemaError
from ninja.security import django_auth

from thidua.api import api as project_api
from thidua.core.errors import StaleEditError
from thidua.pledges.api import router
from thidua.urls import urlpatterns as project_urlpatterns

api = NinjaAPI(
    title="thidua API (pledges tests)",
    version="test",
    urls_namespace="pledges_test_api",
    parser=project_api.NFCParser(),
    auth=django_auth,
)
for exc, handler in (
    (Http404, project_api.not_found),
    (PermissionDenied, project_api.forbidden),
    (AuthenticationError, project_api.unauthenticated),
    (StaleEditError, project_api.stale),
    (ValidationError, project_api.invalid),
    (SchemaError, project_api.invalid_schema),
):
    api.add_exception_handler(exc, handler)
api.add_router("/", router)

urlpatterns = [path("api/v1/", api.urls), *project_urlpatterns]
