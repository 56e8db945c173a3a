"""The named paragraph styles of a 公文 (GB/T 9704-2012), created where a document lacks them.

A house template that defines a style of the same name keeps its own, so a 发改委's letterhead
and fonts win; minsheng only fills in what is missing. Fonts are named as a government
Windows PC knows them (仿宋_GB2312 …); `fontconfig.py` maps them to the Noto CJK faces when
LibreOffice renders the PDF.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips
from docx.styles.style import ParagraphStyle

from minsheng.reports.font_names import FANGSONG, HEITI, KAITI, SONGTI, XIAOBIAOSONG

TITLE_SIZE, BODY_SIZE, TABLE_SIZE, CAPTION_SIZE = (
    Pt(22),
    Pt(16),
    Pt(14),
    Pt(12),
)  # 二号 三号 四号 小四
SMALL_TABLE_SIZE = Pt(10.5)  # 五号, for wide tables of many columns
# 22 lines in the 225 mm text block: 12 756 twips / 22 = 579.8, so 579 (28.95 pt)
LINE_PITCH = Twips(579)
# 28 三号 characters in the 156 mm block: 8 844 twips / 28 = 315.9, so each 320-twip (16 pt)
# character is set 5 twips closer (Word's 紧缩 0.25 磅), in Word and LibreOffice alike
BODY_CONDENSE = -5
LANGUAGES = {"w:val": "en-US", "w:eastAsia": "zh-CN", "w:bidi": "ar-SA"}
INDENT = Twips(2 * (320 + BODY_CONDENSE))  # 首行缩进 2 字符


@dataclass(frozen=True)
class StyleSpec:
    name: str
    font: str
    size: Pt
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY
    indent: bool = False
    condense: int = 0
    bold: bool = False
    outline: int | None = None  # heading level in Word's navigation pane (0 = 一级)
    exact_line: bool = True


TITLE, BODY, HEADING1, HEADING2 = "公文标题", "公文正文", "公文一级标题", "公文二级标题"
CENTERED, TABLE, TABLE_HEADER, CAPTION, FIGURE, PAGE_NUMBER = (
    "公文居中", "公文表格", "公文表头", "公文图注", "公文图片", "公文页码",
)  # fmt: skip
CENTER, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
SPECS = (
    StyleSpec(TITLE, XIAOBIAOSONG, TITLE_SIZE, CENTER, exact_line=False),
    StyleSpec(BODY, FANGSONG, BODY_SIZE, indent=True, condense=BODY_CONDENSE),
    StyleSpec(HEADING1, HEITI, BODY_SIZE, indent=True, condense=BODY_CONDENSE, outline=0),
    StyleSpec(HEADING2, KAITI, BODY_SIZE, indent=True, condense=BODY_CONDENSE, outline=1),
    StyleSpec(CENTERED, FANGSONG, BODY_SIZE, CENTER),
    StyleSpec(TABLE, FANGSONG, TABLE_SIZE, LEFT, exact_line=False),  # justified cells gap out
    StyleSpec(TABLE_HEADER, HEITI, TABLE_SIZE, CENTER, exact_line=False),
    StyleSpec(CAPTION, HEITI, CAPTION_SIZE, CENTER),
    StyleSpec(FIGURE, FANGSONG, BODY_SIZE, CENTER, exact_line=False),
    StyleSpec(PAGE_NUMBER, SONGTI, Pt(14), CENTER, exact_line=False),  # 4 号半角宋体
)


def ensure_styles(document: Document) -> None:
    """Add each 公文 style the document does not define yet (a template's own stay)."""
    existing = {style.name for style in document.styles}
    for spec in SPECS:
        if spec.name not in existing:
            _add(document, spec)


def _add(document: Document, spec: StyleSpec) -> None:
    style = document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(style, ParagraphStyle)
    style.quick_style = True
    font = style.font
    font.name, font.size, font.bold = spec.font, spec.size, spec.bold
    set_fonts(style.element.get_or_add_rPr(), spec.font)
    if spec.condense:
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(spec.condense))
        style.element.get_or_add_rPr().append(spacing)
    _paragraph_format(style, spec)


def _paragraph_format(style: ParagraphStyle, spec: StyleSpec) -> None:
    layout = style.paragraph_format
    layout.alignment = spec.align
    layout.space_before = layout.space_after = Pt(0)
    layout.widow_control = False  # a full page holds 22 lines, no line pushed over
    if spec.indent:
        layout.first_line_indent = INDENT
    if spec.exact_line:
        layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        layout.line_spacing = LINE_PITCH
    else:
        layout.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if spec.outline is not None:
        layout.keep_with_next = True
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(spec.outline))
        style.element.get_or_add_pPr().append(level)


def set_fonts(rpr: object, family: str) -> None:
    """Name the family for Latin and East Asian text alike (python-docx sets Latin only)."""
    fonts = rpr.get_or_add_rFonts()  # type: ignore[attr-defined]
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), family)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def set_language(document: Document) -> None:
    """East Asian text is zh-CN in the document defaults and the theme, as Word on a Chinese
    PC writes it; Latin-script text (digits, units) stays en-US there too: marked zh-CN,
    LibreOffice breaks numbers such as 1.38 across two lines."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    if rpr_default is None:
        return
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attribute, value in LANGUAGES.items():
        lang.set(qn(attribute), value)
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        for attribute, value in LANGUAGES.items():
            theme_lang.set(qn(attribute), value)
