"""The words that make an agency's name: places and their tiers, the words of a government and of a department,
and the short forms agencies use for one another.  Data only; ``models.review.identity`` reads it.

To teach the program a new kind of place, a new word for a government or a short form, add it here.
"""
from __future__ import annotations

# (tier, its name in the 审查台, the words that end a place of that tier), from the top; a name's places are read
# from its start ("淮安市" + "洪泽区" + "人民政府")
PLACE_TIERS = (
    ("province", "省级", ("省", "自治区", "特别行政区")),
    ("city", "市级", ("市", "自治州", "地区", "盟")),
    ("county", "区县级", ("自治县", "自治旗", "县", "区", "旗", "林区", "特区")),
    ("township", "乡镇", ("街道办事处", "街道", "镇", "乡", "苏木")),
)

# cities under the State Council: a city by name, a province by tier
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")

# what stands after the places in the name of a government itself ("淮安市" alone names it too) …
GOVERNMENT_WORDS = ("人民政府", "政府", "行政公署", "管理委员会", "管委会", "办事处")
# … and of its general office, which often writes the government's report: both are of the government's level
GENERAL_OFFICE_WORDS = ("人民政府办公室", "人民政府办公厅", "政府办公室", "政府办公厅", "政府办")

# the last words of a department's name: a line ending so in the 落款 names an agency
DEPARTMENT_WORDS = (
    "局", "委员会", "委", "厅", "办公室", "办", "中心", "院", "所", "署", "处", "站", "队", "会", "社", "馆",
    "部", "司", "行", "集团", "公司",
)

# characters that never stand in a place's name (they belong to the name of an office)
NOT_IN_PLACE_NAMES = "局委厅办室院会所队站部司处科股中心和与及、（）()·"

# short form → full form, as agencies write their own and each other's names ("市科委" for "市科学技术委员会"):
# the whole of a name after its places, never a part of it
SHORT_FORMS = {
    "政府办": "人民政府办公室",
    "政府": "人民政府",
    "科委": "科学技术委员会",
    "科技局": "科学技术局",
    "发改委": "发展和改革委员会",
    "发改局": "发展和改革局",
    "经信委": "经济和信息化委员会",
    "经信局": "经济和信息化局",
    "工信局": "工业和信息化局",
    "教委": "教育委员会",
    "卫健委": "卫生健康委员会",
    "卫健局": "卫生健康局",
    "住建委": "住房和城乡建设委员会",
    "住建局": "住房和城乡建设局",
    "人社局": "人力资源和社会保障局",
    "市场监管局": "市场监督管理局",
    "文旅局": "文化和旅游局",
    "文广旅局": "文化广电和旅游局",
    "应急局": "应急管理局",
    "医保局": "医疗保障局",
    "交通局": "交通运输局",
    "民宗局": "民族宗教事务局",
    "退役军人局": "退役军人事务局",
    "城管局": "城市管理局",
    "国资委": "国有资产监督管理委员会",
    "外办": "外事办公室",
    "侨办": "侨务办公室",
    "审批局": "行政审批局",
}
