"""A resident answers a survey in Chromium on a phone-sized screen (390×844): the list,
the form (district, a score per question, a comment, the arithmetic question), the thanks
page and the public results, without sideways scrolling."""

from __future__ import annotations

import re

from minsheng.web.flood_guard import _number
from tests.web.conftest import ON_SQLITE, LiveServer, screenshot
from tests.web.test_pages_survey import TITLE, _publish

PHONE = {"width": 390, "height": 844}


def _solve(label: str) -> str:
    found = re.search(r"验证题：(.)(加|减)(.)等于几", label)
    assert found is not None
    first, second = _number(found[1]), _number(found[3])
    assert first is not None and second is not None
    return str(first + second if found[2] == "加" else first - second)


def _fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways on a phone ({width}px)"


@ON_SQLITE
def test_a_resident_answers_a_survey_on_a_phone(live_server: LiveServer, browser):
    survey_id = _publish(live_server)
    context = browser.new_context(locale="zh-CN", viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/survey")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_label("您所在的区县").select_option("蜀山区")
    questions = page.locator("fieldset.sv-question")
    assert questions.count() == 2
    for index in range(2):
        questions.nth(index).get_by_text("满意", exact=True).click()
    page.get_by_label(re.compile("意见建议")).fill("希望社区医院周末也开门诊")
    challenge = page.locator(".flood-challenge label").inner_text()
    page.get_by_label(re.compile("验证题")).fill(_solve(challenge))
    _fits(page)
    screenshot(page, "survey-answer-phone")
    page.get_by_role("button", name="提交答卷").click()
    page.wait_for_load_state()
    assert "感谢您的参与" in page.content()
    assert page.url.endswith(f"/survey/{survey_id}/thanks")
    page.get_by_role("link", name="查看调查结果").click()
    overall = page.locator(".sv-overall").inner_text()
    assert "受访人数\n1" in overall and "4.00" in overall
    assert "希望社区医院周末也开门诊" not in page.content()  # comments are for planners
    _fits(page)
    screenshot(page, "survey-results-phone")
    context.close()
