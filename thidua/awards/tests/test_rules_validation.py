"""Invalid contract input raises ContractError naming the case and the field, in Vietnamese."""

import copy

import pytest

from thidua.awards.rules import ContractError, evaluate_payload
from thidua.awards.rules.builder import collective, individual


def valid_individual():
    return (
        individual("ca-1")
        .rating(2024, "httnv")
        .title(2024, "lao_dong_tien_tien")
        .initiative(2025, "SK-1")
        .rating(2025, "httnv")
        .request("lao_dong_tien_tien", 2025)
        .build()
    )


def valid_collective():
    return (
        collective("tt-1", founded="2008-05-01")
        .members(2025, 10, lao_dong_tien_tien=7)
        .cluster(2025)
        .movement(2025)
        .request("tap_the_lao_dong_tien_tien", 2025)
        .build()
    )


def raises(payload):
    with pytest.raises(ContractError) as caught:
        evaluate_payload(payload)
    return caught.value


def test_the_valid_fixtures_are_valid():
    assert evaluate_payload({"cases": [valid_individual(), valid_collective()]})["results"]


def edit(case, path, value=None, *, delete=False):
    """A copy of ``case`` with ``path`` (keys and indexes) set to ``value`` or deleted."""
    case = copy.deepcopy(case)
    target = case
    for key in path[:-1]:
        target = target[key]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return case


INDIVIDUAL_ERRORS = [
    ("missing-request", ("request",), None, True, "cases[0].request", "thiếu trường"),
    ("unknown-field", ("extra",), 1, False, "cases[0].extra", "không được hỗ trợ"),
    ("bad-kind", ("subject", "kind"), "person", False, "cases[0].subject.kind", "mã không hợp lệ"),
    (
        "founded-for-a-person",
        ("subject", "founded"),
        "2000-01-01",
        False,
        "cases[0].subject.founded",
        "chỉ dùng cho tập thể",
    ),
    (
        "unknown-pending",
        ("subject", "pending"),
        ["audit"],
        False,
        "cases[0].subject.pending[0]",
        "mã không hợp lệ",
    ),
    (
        "pending-not-a-list",
        ("subject", "pending"),
        "complaint",
        False,
        "cases[0].subject.pending",
        "danh sách",
    ),
    ("history-not-a-list", ("history",), {}, False, "cases[0].history", "danh sách"),
    ("item-not-an-object", ("history", 0), 2024, False, "cases[0].history[0]", "đối tượng JSON"),
    (
        "item-of-no-kind",
        ("history", 0),
        {"year": 2024},
        False,
        "cases[0].history[0]",
        "có: không có",
    ),
    (
        "item-of-two-kinds",
        ("history", 0),
        {"year": 2024, "rating": "httnv", "fact": "united"},
        False,
        "cases[0].history[0]",
        "có: rating, fact",
    ),
    (
        "item-without-year",
        ("history", 0, "year"),
        None,
        True,
        "cases[0].history[0].year",
        "thiếu trường",
    ),
    (
        "year-as-text",
        ("history", 0, "year"),
        "2024",
        False,
        "cases[0].history[0].year",
        "số nguyên",
    ),
    (
        "year-as-boolean",
        ("history", 0, "year"),
        True,
        False,
        "cases[0].history[0].year",
        "số nguyên",
    ),
    (
        "year-out-of-range",
        ("history", 0, "year"),
        1800,
        False,
        "cases[0].history[0].year",
        "từ 1900 đến 2100",
    ),
    (
        "unknown-rating",
        ("history", 3, "rating"),
        "xuat_sac",
        False,
        "cases[0].history[3].rating",
        "'xuat_sac'",
    ),
    (
        "duplicate-rating",
        ("history", 3, "year"),
        2024,
        False,
        "cases[0].history[3].rating",
        "đã có một xếp loại",
    ),
    (
        "form-as-title",
        ("history", 1, "title"),
        "giay_khen",
        False,
        "cases[0].history[1].title",
        "mã không hợp lệ",
    ),
    (
        "unknown-basis",
        ("history", 1, "basis"),
        "special",
        False,
        "cases[0].history[1].basis",
        "merit, sudden, thematic",
    ),
    (
        "based-on-not-a-list",
        ("history", 1, "based_on"),
        "SK-1",
        False,
        "cases[0].history[1].based_on",
        "danh sách",
    ),
    (
        "initiative-without-scope",
        ("history", 2, "initiative", "scope"),
        None,
        True,
        "cases[0].history[2].initiative.scope",
        "thiếu trường",
    ),
    (
        "unknown-scope",
        ("history", 2, "initiative", "scope"),
        "quoc_te",
        False,
        "cases[0].history[2].initiative.scope",
        "mã không hợp lệ",
    ),
    (
        "empty-initiative-id",
        ("history", 2, "initiative", "id"),
        " ",
        False,
        "cases[0].history[2].initiative.id",
        "chuỗi không rỗng",
    ),
    (
        "maternity-false",
        ("history", 0),
        {"year": 2024, "maternity_leave": False},
        False,
        "cases[0].history[0].maternity_leave",
        "true",
    ),
    (
        "members-of-a-person",
        ("history", 0),
        {"year": 2024, "members": {}},
        False,
        "cases[0].history[0].members",
        "chỉ dùng cho tập thể",
    ),
    (
        "unknown-fact",
        ("history", 0),
        {"year": 2024, "fact": "brave"},
        False,
        "cases[0].history[0].fact",
        "mã không hợp lệ",
    ),
    (
        "unknown-discipline",
        ("history", 0),
        {"year": 2024, "discipline": "phat_tien"},
        False,
        "cases[0].history[0].discipline",
        "mã không hợp lệ",
    ),
    (
        "discipline-ends-before-it-starts",
        ("history", 0),
        {"year": 2024, "discipline": "canh_cao", "ended": "2023-12-31"},
        False,
        "cases[0].history[0].ended",
        "trước năm bị kỷ luật",
    ),
    (
        "bad-end-date",
        ("history", 0),
        {"year": 2024, "discipline": "canh_cao", "ended": "31/12/2024"},
        False,
        "cases[0].history[0].ended",
        "YYYY-MM-DD",
    ),
    (
        "unknown-request-code",
        ("request", "code"),
        "huan_chuong_sao_vang",
        False,
        "cases[0].request.code",
        "mã không hợp lệ",
    ),
    (
        "collective-title-for-a-person",
        ("request", "code"),
        "tap_the_lao_dong_tien_tien",
        False,
        "cases[0].request.code",
        "không xét cho cá nhân",
    ),
    (
        "request-year-before-the-regimes",
        ("request", "year"),
        2016,
        False,
        "cases[0].request.year",
        "năm 2016",
    ),
    (
        "request-year-as-text",
        ("request", "year"),
        "2025",
        False,
        "cases[0].request.year",
        "số nguyên",
    ),
    (
        "route-of-another-title",
        ("request", "route"),
        "22.1",
        False,
        "cases[0].request.route",
        "cho phép: 24.1",
    ),
]


@pytest.mark.parametrize(
    ("path", "value", "delete", "field", "fragment"),
    [row[1:] for row in INDIVIDUAL_ERRORS],
    ids=[row[0] for row in INDIVIDUAL_ERRORS],
)
def test_invalid_individual_case_names_the_case_and_field(path, value, delete, field, fragment):
    case = edit(valid_individual(), path, value, delete=delete)
    error = raises({"cases": [case]})
    assert (error.case, error.field) == ("ca-1", field)
    assert fragment in error.message


COLLECTIVE_ERRORS = [
    ("bad-founding-date", ("subject", "founded"), "2008-02-30", "cases[0].subject.founded"),
    ("flag-as-text", ("subject", "can_receive_flag"), "yes", "cases[0].subject.can_receive_flag"),
    (
        "more-advanced-than-members",
        ("history", 0, "members", "lao_dong_tien_tien"),
        11,
        "cases[0].history[0].members.lao_dong_tien_tien",
    ),
    ("no-members", ("history", 0, "members", "total"), 0, "cases[0].history[0].members.total"),
    (
        "unknown-organiser",
        ("history", 1, "cluster", "organised_by"),
        "district",
        "cases[0].history[1].cluster.organised_by",
    ),
    (
        "movement-of-no-years",
        ("history", 2, "movement", "years"),
        0,
        "cases[0].history[2].movement.years",
    ),
    (
        "maternity-of-a-collective",
        ("history", 2),
        {"year": 2025, "maternity_leave": True},
        "cases[0].history[2].maternity_leave",
    ),
    (
        "route-of-the-individual-form",
        ("request",),
        {"code": "bang_khen_thu_tuong", "year": 2025, "route": "73.1.b"},
        "cases[0].request.route",
    ),
]


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [row[1:] for row in COLLECTIVE_ERRORS],
    ids=[row[0] for row in COLLECTIVE_ERRORS],
)
def test_invalid_collective_case_names_the_case_and_field(path, value, field):
    error = raises({"cases": [edit(valid_collective(), path, value)]})
    assert (error.case, error.field) == ("tt-1", field)
    assert error.message


def test_a_member_count_missing_is_named():
    case = edit(valid_collective(), ("history", 0, "members", "completed"), delete=True)
    assert raises({"cases": [case]}).field == "cases[0].history[0].members.completed"


def test_a_duplicate_initiative_id_is_rejected():
    case = valid_individual()
    case["history"].append({"year": 2024, "research": {"id": "SK-1", "scope": "co_so"}})
    error = raises({"cases": [case]})
    assert error.field == "cases[0].history[4].research.id"
    assert "đã khai báo" in error.message


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ([], "payload"),
        ({}, "payload.cases"),
        ({"cases": {}}, "cases"),
        ({"cases": [], "x": 1}, "payload.x"),
    ],
    ids=["not-an-object", "no-cases", "cases-not-a-list", "unknown-top-level-field"],
)
def test_an_invalid_payload_is_reported_outside_any_case(payload, field):
    error = raises(payload)
    assert (error.case, error.field) == (None, field)


@pytest.mark.parametrize(
    ("case", "field"),
    [("nope", "cases[1]"), ({"id": 7}, "cases[1].id")],
    ids=["case-not-an-object", "id-not-a-string"],
)
def test_a_case_without_a_usable_id_is_named_by_its_index(case, field):
    error = raises({"cases": [valid_individual(), case]})
    assert (error.case, error.field) == (1, field)


def test_an_error_in_the_second_case_names_it_and_nothing_is_evaluated():
    second = edit(valid_collective(), ("request", "year"), 1999)
    error = raises({"cases": [valid_individual(), second]})
    assert (error.case, error.field) == ("tt-1", "cases[1].request.year")


def test_the_error_json_has_case_field_and_message():
    error = raises({"cases": [edit(valid_individual(), ("request",), None, delete=True)]})
    assert error.to_dict() == {
        "error": {"case": "ca-1", "field": "cases[0].request", "message": "thiếu trường bắt buộc"}
    }
