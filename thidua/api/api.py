"""The /api/v1 router: mounts each app's api.py; one place for auth, parsing and error shapes."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaError
from ninja.parser import Parser
from ninja.security import HttpBearer, django_auth

from thidua.core import vn
from thidua.core.errors import StaleEditError


def _nul_paths(obj, path=()):
    """Where a JSON value holds a NUL character (no database column can store one)."""
    if isinstance(obj, str):
        return [path] if "\x00" in obj else []
    if isinstance(obj, dict):
        return [p for key, item in obj.items() for p in _nul_paths(item, (*path, str(key)))]
    if isinstance(obj, list | tuple):
        return [p for i, item in enumerate(obj) for p in _nul_paths(item, (*path, i))]
    return []


class NFCParser(Parser):
    """JSON bodies are NFC-normalised before validation, like form input; text holding a NUL
    character is refused (400) as forms refuse it, before it can reach the database."""

    def parse_body(self, request):
        data = vn.normalize_data(super().parse_body(request))
        paths = _nul_paths(data)
        if paths:
            raise SchemaError(
                [{"loc": ("body", *p), "msg": "NUL", "type": "nul_character"} for p in paths]
            )
        return data


class TokenAuth(HttpBearer):
    """Machine clients: `Authorization: Bearer thd_…`; the token acts with its user's roles."""

    def authenticate(self, request, token):
        from thidua.accounts.actions import user_for_token

        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="thidua API",
    version="1",
    urls_namespace="api",
    parser=NFCParser(),
    auth=[TokenAuth(), django_auth],
    docs_url="/docs",
)


def _error(request, status: int, message: str, **extra):
    return api.create_response(request, {"detail": message, **extra}, status=status)


@api.exception_handler(Http404)
def not_found(request, exc):
    return _error(request, 404, _("Not found."))


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return _error(request, 403, _("You do not have permission to do this."))


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return _error(request, 401, _("Sign in or send a valid token."))


@api.exception_handler(HttpError)
def http_error(request, exc):
    """Ninja's own refusals (a body that is not JSON, throttling) in Vietnamese."""
    if isinstance(exc.__cause__, SchemaError):  # refused by NFCParser
        return invalid_schema(request, exc.__cause__)
    messages = {
        400: _("The request body cannot be read: send valid JSON."),
        429: _("Too many requests; try again later."),
    }
    return _error(request, exc.status_code, messages.get(exc.status_code, str(exc)))


@api.exception_handler(StaleEditError)
def stale(request, exc):
    return _error(request, 409, str(exc.message))


@api.exception_handler(ValidationError)
def invalid(request, exc):
    fields = dict(exc.message_dict) if hasattr(exc, "error_dict") else {}
    return _error(request, 400, " ".join(str(m) for m in exc.messages), fields=fields)


@api.exception_handler(SchemaError)
def invalid_schema(request, exc):
    fields = {}
    for err in exc.errors:
        loc = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "payload"))
        fields.setdefault(loc or "body", []).append(_("Invalid value."))
    return _error(request, 400, _("The request has invalid fields."), fields=fields)


api.add_router("/", "thidua.organizations.api.router")
api.add_router("/", "thidua.clusters.api.router")
api.add_router("/", "thidua.awards.api.router")
api.add_router("/", "thidua.campaigns.api.router")
api.add_router("/", "thidua.pledges.api.router")
api.add_router("/", "thidua.voting.api.router")
api.add_router("/", "thidua.scoring.api.router")
api.add_router("/", "thidua.reports.api.router")
