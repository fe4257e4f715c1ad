"""The phrases a sentence is read by; expected values worked out from the text."""

from __future__ import annotations

from datetime import date

import pytest

from medreform_check.draft.phrases import (
    find_dates,
    find_direction,
    find_frequencies,
    find_numbers,
    find_range,
    find_span,
    is_aspirational,
    is_deliverable,
    says_within_year,
)
from medreform_check.draft.units import parse_note, split_unit_names, take_notes


@pytest.mark.parametrize(
    ("text", "written", "day"),
    [
        ("2023年底，平台基本建成", "2023年底", "2023-12-31"),
        ("力争到2023年底，实验室均纳入", "到2023年底", "2023-12-31"),
        ("2024年5月底前开展建设", "2024年5月底前", "2024-05-31"),
        ("到2025年，建立体系", "到2025年", "2025-12-31"),
        ("2025年底前，全部经培训", "2025年底前", "2025-12-31"),
        ("2024年上半年完成", "2024年上半年", "2024-06-30"),
        ("2024年第三季度完成", "2024年第三季度", "2024-09-30"),
        ("2024年综合医院进一步完善", "2024年底", "2024-12-31"),  # a bare year: its end
    ],
)
def test_dates(text: str, written: str, day: str) -> None:
    (found,) = find_dates(text, None)
    assert (found.written, found.day) == (written, date.fromisoformat(day))


def test_what_is_not_a_deadline() -> None:
    assert find_dates("按照《方案（2023年—2025年）》和内医改办字〔2021〕13号要求", None) == []
    assert find_dates("2019年以来，较2022年提高", None) == []
    assert find_dates("2022年底完成", date(2023, 9, 28)) == []  # history, before the issue date
    (ambiguous,) = find_dates("2025年前，完成建设", None)
    assert ambiguous.ambiguous and ambiguous.day == date(2025, 12, 31)
    assert find_range("2023年到 2025年，确定投入") is None  # canonical text has no space
    assert find_range("2023年到2025年，确定投入") == (2023, 2025)
    assert find_span("利用3年时间，实现优化") == 3
    assert says_within_year("年内完成一次调整") and not says_within_year("年内容")


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("电子病历应用水平平均级别达到3级", ">= 3"),
        ("就诊率争取达到80%", ">= 80"),
        ("人均预期寿命达82.4岁", ">= 82.4"),
        ("比重降至27%", "<= 27"),
        ("分时段预约精确到30分钟", "<= 30"),
        ("签约率80%以上", ">= 80"),
        ("每年至少两次专题研究", ">= 2"),
        ("每年开展1次专项督查", ">= 1"),
        ("比例接近5:3:2的合理结构", "ratio 5:3:2 ± 5"),
    ],
)
def test_number_targets(text: str, target: str) -> None:
    frequency = bool(find_frequencies(text))
    (found,), unread = find_numbers(text, frequency)
    assert str(found.target) == target and unread == []


def test_numbers_that_set_no_target() -> None:
    assert find_numbers("落实18项核心制度，七部门联合印发", False) == ([], [])
    assert find_numbers("年内完成一次价格调整", False) == ([], [])
    assert find_numbers("费用控制在合理范围", False) == ([], [])
    found, unread = find_numbers("床位使用率控制在85%", False)
    assert found == [] and unread == ["控制在85%"]  # a number, but no comparison: a TODO


def test_directions() -> None:
    down = find_direction("有效降低能耗支出比例")
    assert down is not None and (down.op, down.name) == ("decrease", "能耗支出比例")
    up = find_direction("医疗服务收入占比较上年同期提升")
    assert up is not None and (up.op, up.name) == ("increase", "医疗服务收入占比")
    yearly = find_direction("开展优质护理服务的科室比例逐年明显提高")
    assert yearly is not None and yearly.yearly
    assert find_direction("提升科研创新能力和学科服务水平") is None
    assert find_direction("提高医疗资源利用效率") is None  # 效率 is not a rate


def test_frequencies_aspiration_and_deliverables() -> None:
    found = find_frequencies("实施季调度、半年通报、年终评估等工作机制")
    assert [(f.every, f.written) for f in found] == [
        ("quarter", "季调度"),
        ("half", "半年通报"),
        ("year", "年终评估"),
    ]
    assert [f.every for f in find_frequencies("每月对各科室予以公示")] == ["month"]
    assert find_frequencies("逐年推进") == []  # 逐年 only with a rise or fall
    assert is_aspirational("积极争取自治区级重点专科") and not is_aspirational("建立机制")
    assert is_deliverable("建立智慧化预警多点触发机制")
    assert not is_deliverable("探索建立激励制度") and not is_deliverable("持续开展签约服务")


def test_responsibility_notes() -> None:
    lead = parse_note("（市卫生健康委牵头，市医保局、市财政局配合）")
    assert lead is not None and lead.owners == ("市卫生健康委", "市医保局", "市财政局")
    shared = parse_note("（高新区、示范区医改领导小组成员单位等按职责分工负责）")
    assert shared is not None and shared.owners == ("高新区、示范区医改领导小组成员单位",)
    labelled = parse_note("牵头单位：县卫生健康局；责任单位：县医保局、各乡镇卫生院")
    assert labelled is not None
    assert (labelled.lead, labelled.owners) == (
        "县卫生健康局",
        ("县卫生健康局", "县医保局", "各乡镇卫生院"),
    )
    assert parse_note("（不含药品、耗材收入）") is None
    text, note = take_notes("到2025年建成平台（区卫健委牵头，区数据局配合），实现共享")
    assert text == "到2025年建成平台，实现共享" and note is not None and note.lead == "区卫健委"
    assert split_unit_names("示范区疾控局、高新区综合医院等") == ["示范区疾控局", "高新区综合医院"]
