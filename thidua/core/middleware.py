from django.conf import settings
from django.http import QueryDict
from django.utils import translation

from .vn import nfc


def _normalized(query: QueryDict, *, drop_nul: bool = False) -> QueryDict:
    copy = QueryDict(mutable=True, encoding=query.encoding)
    for key, values in query.lists():
        if drop_nul:  # a search or filter value; forms refuse NUL with a message of their own
            values = [v.replace("\x00", "") for v in values]
        copy.setlist(nfc(key), [nfc(v) for v in values])
    copy._mutable = False
    return copy


class NormalizeInputMiddleware:
    """NFC-normalise every submitted text value, so "Cầu Giấy" typed in NFD is stored as NFC.

    JSON bodies are normalised by the API's parser and imports by their readers (core.vn).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET = _normalized(request.GET, drop_nul=True)
        if request.method == "POST":
            request.POST = _normalized(request.POST)
        return self.get_response(request)


class LanguageMiddleware:
    """Vietnamese unless the user chose another language with the switch (a cookie).

    Unlike Django's LocaleMiddleware the browser's Accept-Language is ignored: agencies' machines
    often run English browsers, and the product is Vietnamese first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = code
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", code)
        return response
