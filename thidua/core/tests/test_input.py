import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from thidua.core import uploads
from thidua.core.middleware import NormalizeInputMiddleware

NFD = "Ca\u0302\u0300u Gia\u0302\u0301y"  # "Cầu Giấy" typed with combining marks


def test_middleware_normalises_query_and_form_values_to_nfc():
    seen = {}

    def view(request):
        seen["get"] = request.GET["q"]
        seen["post"] = request.POST["name"]
        return None

    request = RequestFactory().post(f"/?q={NFD}", {"name": NFD})
    NormalizeInputMiddleware(view)(request)
    assert seen == {"get": "Cầu Giấy", "post": "Cầu Giấy"}


def _docx() -> bytes:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"%PDF-1.7 rest", "application/pdf"),
        (b"\x89PNG\r\n\x1a\nrest", "image/png"),
        (b"\xff\xd8\xff\xe0rest", "image/jpeg"),
        (None, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (b"PK\x03\x04not really a zip", None),
        (b"MZ\x90\x00 an executable", None),
        (b"<html><script>alert(1)</script>", None),
    ],
)
def test_upload_type_is_sniffed_from_content(content, expected):
    data = _docx() if content is None else content
    assert uploads.sniff(SimpleUploadedFile("x.pdf", data)) == expected


def test_upload_over_the_size_limit_is_refused(settings):
    settings.UPLOAD_MAX_BYTES = 10
    with pytest.raises(ValidationError) as exc:
        uploads.check_upload(SimpleUploadedFile("a.pdf", b"%PDF-1.4 " + b"x" * 20))
    assert "quá lớn" in str(exc.value)


def test_empty_upload_is_refused():
    with pytest.raises(ValidationError):
        uploads.check_upload(SimpleUploadedFile("a.pdf", b""))
