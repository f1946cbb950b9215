"""From what a unit enters to points, by method — pure functions, Vietnamese messages."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from thidua.pledges.models import AdjustmentRule, Criterion
from thidua.scoring.points import (
    NOT_REACHED,
    describe,
    score_criterion,
    score_rule,
    target_points,
)

D = Decimal


def target(max_score="4", target_value="100", threshold="80", unit="%"):
    return Criterion(
        code="1.1",
        max_score=D(max_score),
        method="target",
        target_value=D(target_value),
        threshold_value=None if threshold is None else D(threshold),
        target_unit=unit,
    )


LEVELS = Criterion(
    code="1.2",
    max_score=D(3),
    method="levels",
    levels=[{"label": "Tốt", "score": "3.00"}, {"label": "Khá", "score": "2.00"}],
)
YES_NO = Criterion(code="2.1", max_score=D(3), method="yes_no")
FREE = Criterion(code="5.3", max_score=D(3), method="free")


@pytest.mark.parametrize(
    ("value", "points"),
    [("100", "4.00"), ("120", "4.00"), ("90", "3.60"), ("80", "3.20"), ("79,99", "0.00")],
)
def test_a_target_scores_in_proportion_between_threshold_and_target(value, points):
    assert score_criterion(target(), value=value).points == D(points)


def test_a_target_without_threshold_is_proportional_from_zero():
    assert score_criterion(target(threshold=None), value="33,33").points == D("1.33")


def test_yes_no_levels_and_free_scores():
    assert score_criterion(YES_NO, choice="yes").points == D(3)
    assert score_criterion(YES_NO, choice="no").points == D(0)
    assert score_criterion(LEVELS, choice="Khá").points == D(2)
    assert score_criterion(LEVELS, choice=NOT_REACHED).points == D(0)
    assert score_criterion(FREE, points="2,5").points == D("2.5")


@pytest.mark.parametrize(
    ("criterion", "kwargs", "field", "message"),
    [
        (target(), {"value": ""}, "value", "Hãy nhập số liệu đạt được."),
        (target(), {"value": "chín mươi"}, "value", "Nhập một số, ví dụ 10 hoặc 2,5."),
        (target(), {"value": "-1"}, "value", "Giá trị không được âm."),
        (YES_NO, {"choice": "có"}, "choice", "Hãy chọn Có hoặc Không."),
        (LEVELS, {"choice": "Xuất sắc"}, "choice", "Hãy chọn một trong các mức của tiêu chí này."),
        (FREE, {"points": "3,5"}, "points", "Điểm không được vượt quá điểm tối đa 3."),
        (FREE, {"points": "1,234"}, "points", "Chỉ dùng tối đa hai chữ số thập phân"),
    ],
)
def test_bad_input_gets_a_vietnamese_message(criterion, kwargs, field, message):
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        score_criterion(criterion, **kwargs)
    assert message in " ".join(caught.value.message_dict[field])


def test_a_rule_counts_whole_occurrences():
    rule = AdjustmentRule(kind="penalty", points=D("0.5"), text="Chậm báo cáo")
    assert score_rule(rule, value="3").points == D("1.5")
    assert score_rule(rule, value=None).points == D(0)
    with translation.override("vi"), pytest.raises(ValidationError) as caught:
        score_rule(rule, value="1,5")
    assert "số nguyên" in caught.value.message_dict["value"][0]


def test_what_was_entered_reads_in_vietnamese():
    with translation.override("vi"):
        assert describe((D("92.5"), ""), target()) == "92,5 %"
        assert describe((None, "yes"), YES_NO) == "Có"
        assert describe((None, NOT_REACHED), LEVELS) == "Không đạt"
        assert describe((D(2), ""), None) == "2 lần"


@given(
    maximum=st.decimals(min_value="0.01", max_value="100", places=2),
    goal=st.decimals(min_value="0.01", max_value="100000", places=2),
    value=st.decimals(min_value="0", max_value="1000000", places=2),
)
def test_a_target_never_scores_above_its_maximum_nor_below_zero(maximum, goal, value):
    criterion = target(str(maximum), str(goal), threshold=None)
    points = target_points(criterion, value)
    assert D(0) <= points <= maximum
    if value >= goal:
        assert points == maximum
