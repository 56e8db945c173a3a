"""Every Chinese string of collection in one place: sheet names, headers, instructions, problems.

Departments see these words in the template and in the list of problems an upload has, so
they are kept together to be reviewed (and one day translated) as a whole. Messages with
blanks are `str.format` templates; the names of the blanks say what goes in them.
"""

from __future__ import annotations

# --- Workbook -------------------------------------------------------------------------

DATA_SHEET = "填报"
INSTRUCTIONS_SHEET = "填报说明"

HEADER_REGION = "地区"
HEADER_INDICATOR = "指标"
HEADER_YEAR = "年份"
HEADER_VALUE = "数值"
HEADER_UNIT = "单位"
HEADER_SOURCE = "数据来源"
HEADER_NOTE = "备注"
HEADER_DOMAIN = "领域"
HEADER_BASELINE = "{year}年基期值"
HEADER_TARGET = "{year}年目标值"

HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "region": (HEADER_REGION, "地区名称", "区域", "行政区划", "区县"),
    "indicator": (HEADER_INDICATOR, "指标名称"),
    "year": (HEADER_YEAR, "年度"),
    "value": (HEADER_VALUE, "值", "监测值", "填报值"),
    "unit": (HEADER_UNIT, "计量单位"),
    "source": (HEADER_SOURCE, "来源"),
    "note": (HEADER_NOTE, "说明"),
}
"""Chinese headers accepted for each field, besides its English name."""

FIELD_LABELS: dict[str, str] = {
    "region": HEADER_REGION,
    "indicator": HEADER_INDICATOR,
    "year": HEADER_YEAR,
    "value": HEADER_VALUE,
    "unit": HEADER_UNIT,
    "source": HEADER_SOURCE,
    "note": HEADER_NOTE,
}
"""How a field is named to a user when the file gives no header for it."""

YES_WORDS: tuple[str, ...] = ("是", "yes", "y", "true")
NO_WORDS: tuple[str, ...] = ("否", "no", "n", "false")
YEAR_SUFFIX = "年"  # 2021年 reads as 2021
BLANK_UNIT_WORDS: tuple[str, ...] = ("无",)  # a unit cell saying "none" is blank
YES = "是"
NO = "否"

TEMPLATE_SOURCES: tuple[str, ...] = ("统计公报", "部门报送", "其他")
"""The choices the template offers for 数据来源 (a subset of `Source`)."""

VALIDATION_VALUE_TITLE = "数值"
VALIDATION_VALUE_NUMBER = "请填写数字，不要填写单位或文字。"
VALIDATION_VALUE_YES_NO = "定性指标请选择“是”或“否”。"
VALIDATION_SOURCE_TITLE = "数据来源"
VALIDATION_SOURCE = "请从下拉列表中选择：统计公报、部门报送或其他。"
VALIDATION_YEAR_TITLE = "年份"
VALIDATION_YEAR = "年份已预先填写，请勿修改。"
VALIDATION_ERROR_TITLE = "输入有误"

INSTRUCTIONS_TITLE = "{plan}监测数据填报说明"
INSTRUCTIONS_HEADER: tuple[str, ...] = (
    "规划：{plan}",
    "填报单位：{department}",
    "填报年度：{years}",
)
INSTRUCTIONS: tuple[str, ...] = (
    "一、填报方法",
    "1. 请在“填报”工作表中逐行填写“数值”列，每行对应一个地区、一个指标、一个年度。",
    "2. “数据来源”请从下拉列表中选择：统计公报、部门报送或其他；“备注”可填写口径说明等。",
    "3. 尚无数据的行请将“数值”留空，视为未报送，不会导入，也不会报错。",
    "二、数值与单位",
    "4. “数值”只填数字，不要带单位（如填“95.2”，不要填“95.2%”或“95.2万人”）。"
    "数值须按“单位”列所示单位填写，例如单位为“万人”时，12000人应填 1.2。",
    "5. 单位为“%”的指标填百分数，应在0–100之间（如 95.2 表示95.2%）；"
    "毛入园率、毛入学率等毛比率可以超过100。",
    "6. 人数、个数等数量不能为负数。",
    "三、定性指标",
    "7. 目标为“应保尽保”“全覆盖”“动态清零”等的定性指标，“数值”请选择“是”或“否”：",
    "   是 = 已实现（导入时记为 1），否 = 未实现（导入时记为 0）。",
    "四、注意事项",
    "8. 灰色单元格（地区、指标、年份、单位、领域、基期值、目标值）已锁定，请勿修改、"
    "删除或调整行列顺序，以免导入失败。",
    "9. 导入时将逐项检查数字格式、单位、取值范围、年份和重复行；"
    "文件中只要有一处错误，整个文件都不会导入，请按提示的行号和列名修改后重新提交。",
    "10. 与本地区历年数据相比变化异常的数值会被标记为“异常值”供审核，但不会被拒收；"
    "如确属实际情况，请在“备注”中说明原因。",
)

# --- Problems in an uploaded file -----------------------------------------------------

FILE_NOT_FOUND = "找不到文件“{file}”"
UNSUPPORTED_FORMAT = "不支持的文件格式“{suffix}”：请上传 .xlsx 或 .csv 文件"
UNSUPPORTED_XLS = "不支持旧版 .xls 格式：请在 Excel 中另存为 .xlsx 后上传"
UNREADABLE_WORKBOOK = "无法读取 Excel 文件：{reason}"
WORKBOOK_PART_MISSING = "文件中没有工作簿内容（workbook.xml）"
EXCEL_VALUE_ERROR = "#VALUE!"  # what Excel shows for a date it cannot represent
UNREADABLE_CSV = "无法识别 CSV 文件的编码（已尝试 UTF-8 和 GB18030）"
BROKEN_CSV = "第 {line} 行附近的 CSV 格式有误：{reason}"
CELL_TOO_LONG = "单元格超过 {limit} 个字符"
TOO_LARGE_FILE = "文件过大：{size:.0f} MB，上传文件不超过 {limit:.0f} MB"
WORKBOOK_BOMB = "Excel 文件解压后过大（{size:.0f} MB），疑为压缩炸弹，已拒绝"
EMPTY_FILE = "文件中没有任何数据"
MISSING_COLUMNS = "缺少必填列：{columns}"
MISSING_COLUMN = "“{label}”（{field}）"

BLANK_CELL = "{label}为空"
NOT_A_NUMBER = "数值“{raw}”不是数字"
YES_NO_NOT_QUALITATIVE = "数值“{raw}”不是数字：“是/否”只用于定性指标"
QUALITATIVE_NOT_YES_NO = "定性指标只能填“是”或“否”（或 1、0），不能填“{raw}”"
PERCENT_SIGN_NOT_PERCENT = "数值“{raw}”带百分号，但指标单位是“{unit}”"
NOT_A_YEAR = "年份“{raw}”不是有效年份"
YEAR_OUTSIDE_PERIOD = "年份{year}不在规划期{start}–{end}内"
UNKNOWN_REGION = "未知地区“{raw}”"
UNKNOWN_INDICATOR = "未知指标“{raw}”"
UNIT_MISMATCH = "单位“{raw}”与指标单位“{unit}”不一致"
PERCENT_OUT_OF_RANGE = "百分比应在0–100之间，不能为{value}"
NEGATIVE_VALUE = "数值不能为负数（{value}）"
VALUE_NOT_FINITE = "数值“{raw}”过大或不是有限的数，无法保存"
IMPLAUSIBLE_FOR_UNIT = "数值 {value} 超出单位“{unit}”的合理范围（{low}—{high}），请核对"
IMPLAUSIBLE_MAGNITUDE = "数值 {value} 大得不合常理（超过一万亿），请核对单位和数值"
UNKNOWN_SOURCE = "数据来源“{raw}”应为{choices}之一"
DUPLICATE_ROW = "与第{first}行重复：同一地区、指标和年份只能填报一次"

# --- Vocabulary of indicator names ----------------------------------------------------

GROSS_RATIO_WORDS: tuple[str, ...] = ("毛入园率", "毛入学率")
"""Gross ratios count enrolments of any age against the age group, so they may pass 100%."""

GROWTH_WORDS: tuple[str, ...] = ("增长", "增速", "增幅", "变化率")
"""Indicators of change, whose percentage may be negative."""

NOT_ASSIGNED = "本部门未被分配填报“{}”（{}）"

# --- Population -------------------------------------------------------------------------

HEADER_POPULATION = "常住人口"
HEADER_HOUSEHOLDS = "户数"
TEN_THOUSAND = "万"
"""In a count's header (常住人口（万人）): the counts are in 10,000s."""
POPULATION_ALIASES: dict[str, tuple[str, ...]] = {
    "region": (HEADER_REGION, "地区名称", "区域", "行政区划", "区县", "行政区划代码", "代码"),
    "year": (HEADER_YEAR, "年度"),
    "population": (
        HEADER_POPULATION,
        "人口",
        "常住人口数",
        "常住人口（人）",
        "常住人口(人)",
        "常住人口（万人）",
        "常住人口(万人)",
    ),
    "households": (HEADER_HOUSEHOLDS, "常住户数", "家庭户数"),
    "source": (HEADER_SOURCE, "来源"),
}
"""Chinese headers of a population file; a header naming 万人 gives the count in 10,000s."""
POPULATION_LABELS: dict[str, str] = {
    "region": HEADER_REGION,
    "year": HEADER_YEAR,
    "population": HEADER_POPULATION,
    "households": HEADER_HOUSEHOLDS,
    "source": HEADER_SOURCE,
}
AMBIGUOUS_REGION = "地区“{raw}”重名（{places}），请填写6位行政区划代码"
NOT_A_COUNT = "{label}“{raw}”不是正数"
YEAR_OUT_OF_RANGE = "年份{year}不在{first}—{last}年之间"
DUPLICATE_POPULATION = "与第{first}行重复：同一地区和年份只能填报一次"

# --- Groupings of districts -----------------------------------------------------------------

HEADER_GROUP = "分组"
GROUP_ALIASES: dict[str, tuple[str, ...]] = {
    "region": (HEADER_REGION, "地区名称", "区县", "行政区划代码", "代码"),
    "group": (HEADER_GROUP, "组别", "类型", "片区"),
}
GROUP_LABELS: dict[str, str] = {"region": HEADER_REGION, "group": HEADER_GROUP}

# --- Facility and resident files ---------------------------------------------------------

HEADER_NAME = "名称"
HEADER_FACILITY_TYPE = "设施类型"
HEADER_X = "X"
HEADER_Y = "Y"
HEADER_LON = "经度"
HEADER_LAT = "纬度"
HEADER_CAPACITY = "容量"
HEADER_STATUS = "状态"
HEADER_GEOMETRY = "几何"
_COORDINATE_ALIASES: dict[str, tuple[str, ...]] = {
    "x": ("X", "x坐标", "横坐标", "东坐标", "easting"),
    "y": ("Y", "y坐标", "纵坐标", "北坐标", "northing"),
    "lon": (HEADER_LON, "经度坐标", "longitude", "lng", "long"),
    "lat": (HEADER_LAT, "纬度坐标", "latitude"),
}
_PLACE_ALIASES = (HEADER_REGION, "所在区县", "所属区县", "区县", "所在地区", "行政区", "区域")
FACILITY_ALIASES: dict[str, tuple[str, ...]] = {
    "name": (HEADER_NAME, "设施名称", "机构名称", "单位名称"),
    "type": ("类型", HEADER_FACILITY_TYPE, "设施类别", "类别", "kind", "facility_type"),
    **_COORDINATE_ALIASES,
    "capacity": (
        HEADER_CAPACITY, "规模", "床位", "床位数", "托位", "托位数", "学位", "学位数",
        "面积", "建筑面积", "面积（平方米）", "面积(平方米)",
    ),
    "region": _PLACE_ALIASES,
    "status": (HEADER_STATUS, "运营状态", "建设状态"),
}  # fmt: skip
"""Headers of a facility file: English field names or these."""
FACILITY_LABELS: dict[str, str] = {
    "name": HEADER_NAME,
    "type": HEADER_FACILITY_TYPE,
    "x": HEADER_X,
    "y": HEADER_Y,
    "lon": HEADER_LON,
    "lat": HEADER_LAT,
    "capacity": HEADER_CAPACITY,
    "region": HEADER_REGION,
    "status": HEADER_STATUS,
}
RESIDENT_ALIASES: dict[str, tuple[str, ...]] = {
    **_COORDINATE_ALIASES,
    "population": (*POPULATION_ALIASES["population"], "人口数", "居住人口", "pop"),
    "region": _PLACE_ALIASES,
}
"""Headers of a file of where residents live (points or grid cells)."""
RESIDENT_LABELS: dict[str, str] = {
    "x": HEADER_X,
    "y": HEADER_Y,
    "lon": HEADER_LON,
    "lat": HEADER_LAT,
    "population": HEADER_POPULATION,
    "region": HEADER_REGION,
}
UNSUPPORTED_SPATIAL_FORMAT = (
    "不支持的文件格式“{suffix}”：请上传 .csv、.xlsx、.geojson 或 .gpkg 文件"
)
MISSING_COORDINATES = "缺少坐标列：请提供“X”“Y”两列（投影坐标）或“经度”“纬度”两列"
BOTH_COORDINATES = "同时有 X/Y 列（{xy}）和经度/纬度列（{lonlat}），请只保留一种坐标"
UNREADABLE_GEOJSON = "无法读取 GeoJSON 文件：{reason}"
NOT_A_FEATURE_COLLECTION = "GeoJSON 文件应为要素集合（FeatureCollection）"
UNREADABLE_GEOPACKAGE = "无法读取 GeoPackage 文件：{reason}"
NO_FEATURE_LAYER = "GeoPackage 文件中没有要素图层"
UNKNOWN_LAYER = "GeoPackage 文件中没有图层“{layer}”，现有图层：{layers}"
NO_GEOMETRY = "缺少几何图形（空几何）"
BAD_GEOMETRY = "几何图形无法解析"
NOT_A_COORDINATE = "{label}“{raw}”不是数字"
NOT_FINITE = "{label}“{raw}”不是有限的数值"
LONGITUDE_OUT_OF_RANGE = "经度{value}超出−180至180的范围"
LATITUDE_OUT_OF_RANGE = "纬度{value}超出−90至90的范围"
UNKNOWN_FACILITY_TYPE = "未知设施类型“{raw}”，可填写：{known}等"
NEGATIVE_AMOUNT = "{label}不能为负数（{raw}）"
MORE_PROBLEMS = "另有{count}处问题未列出（共{total}处），请先修改以上各行"

# --- Road networks --------------------------------------------------------------------

NOT_A_LINE = "不是线要素（道路应为 LineString 或 MultiLineString）"
UNSUPPORTED_ROAD_FORMAT = "不支持的道路文件格式“{suffix}”：请上传 .geojson 或 .gpkg 文件"

# --- Review flags: why a value is marked 异常 ----------------------------------------------

EVERY_REGION = "全部地区"
OPEN_BOUND = "不限"
BELOW_RANGE = "低于下限"
ABOVE_RANGE = "高于上限"
OUTSIDE_RANGE = "超出设定范围：{value} {side}（范围 {low}–{high}，适用于{scope}）"
CHANGE_FROM = "较{year}年{change}"
CHANGE_OFF_TREND = (
    "变化异常：{moved}，本地区往年每年约变化{trend}，偏离 {off}，超过允许的 {allowance}"
)
CHANGE_NO_HISTORY = "变化异常：{moved}，历史数据不足，超过上年水平的{share}（{allowance}）"
