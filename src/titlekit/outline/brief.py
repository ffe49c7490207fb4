"""The designer's brief of an outline: per section the images to make (how many, their size
and ratio), a number for every image slot down the page, and how long each piece of copy may be.

Detail pages are 750 px wide on Taobao and 790 px on Tmall; an image's height follows from
its ratio. Counts follow the listing where it has the data (one scene image per scene, one
detail close-up per detail, one picture per selling point or related product), else a
default. Templates get the brief as ``brief`` (section key -> :class:`SectionBrief`) and the
page as ``page`` (platform, width).
"""

from __future__ import annotations

from dataclasses import dataclass, field

PAGE_WIDTH = {"taobao": 750, "tmall": 790}
PLATFORM_LABEL = {"taobao": "淘宝", "tmall": "天猫"}

# section key -> images: (name, ratio w:h, listing field whose items each get one, default
# count), and the copy: (what, most characters)
IMAGES: dict[str, list[tuple[str, tuple[int, int], str | None, int]]] = {
    "promotion": [("活动横幅", (2, 1), None, 1)],
    "focus": [("焦点图（海报）", (3, 4), None, 1), ("品牌介绍图", (16, 9), None, 1)],
    "scene": [("场景图", (3, 4), "scenes", 3)],
    "overview": [("产品总体图", (1, 1), None, 1), ("卖点图", (4, 3), "selling_points", 3)],
    "details": [("细节特写", (1, 1), "details", 4)],
    "sizes": [("平铺测量示意图", (1, 1), None, 1), ("模特尺码参考图", (3, 4), None, 1)],
    "specs": [("参数图", (4, 3), None, 1), ("尺寸对比图", (4, 3), None, 1)],
    "food": [("产地实拍", (16, 9), None, 1), ("包装与生产日期特写", (1, 1), None, 1),
             ("食用方法步骤图", (4, 3), None, 1)],
    "after_sales": [("售后保障图", (2, 1), None, 1)],
    "recommend": [("买家评价 / 热销截图", (3, 4), None, 1)],
    "related": [("关联商品图", (1, 1), "related", 3)],
}
COPY: dict[str, list[tuple[str, int]]] = {
    "promotion": [("活动标题", 12), ("利益点", 20)],
    "focus": [("主标题", 12), ("副标题", 20), ("品牌介绍", 80)],
    "scene": [("每张场景图一句", 20), ("拥有后的感觉", 40)],
    "overview": [("每个卖点的标题", 10), ("每个卖点的说明", 40)],
    "details": [("每张特写一句", 20)],
    "sizes": [("尺码建议", 40)],
    "specs": [("每项参数说明", 20)],
    "food": [("产地故事", 60), ("食用方法", 60)],
    "after_sales": [("售后承诺", 60)],
    "recommend": [("购买理由汇总", 60)],
    "related": [("引导语", 20)],
}


@dataclass
class Slot:
    number: int  # 图 N, counted down the whole page
    name: str
    subject: str  # what this one shows: a scene, a detail … or ""
    width: int
    height: int
    ratio: str


@dataclass
class SectionBrief:
    key: str
    slots: list[Slot] = field(default_factory=list)
    copy: list[tuple[str, int]] = field(default_factory=list)


def _items(p: dict, slots: dict, name: str | None) -> list[str]:
    if name is None:
        return []
    value = p.get(name)
    if value is None and name == "selling_points":
        value = slots.get("selling_point")
    if isinstance(value, list):
        return [str(v) for v in value if str(v).strip()]
    return []


def brief(p: dict, order: list[str], platform: str = "taobao",
          slots: dict | None = None) -> dict[str, SectionBrief]:
    """The brief of every section of ``order`` for product ``p``; slots numbered from 1."""
    width = PAGE_WIDTH.get(platform, PAGE_WIDTH["taobao"])
    out: dict[str, SectionBrief] = {}
    n = 0
    for key in order:
        sec = SectionBrief(key, copy=list(COPY.get(key, [])))
        for name, (rw, rh), per, default in IMAGES.get(key, []):
            subjects = _items(p, slots or {}, per) or [""] * default
            for subject in subjects:
                n += 1
                sec.slots.append(Slot(n, name, subject, width, round(width * rh / rw),
                                      f"{rw}:{rh}"))
        out[key] = sec
    return out


def page(platform: str = "taobao") -> dict:
    """What templates need to know about the page: its platform and width."""
    name = platform if platform in PAGE_WIDTH else "taobao"
    return {"platform": name, "label": PLATFORM_LABEL[name], "width": PAGE_WIDTH[name]}
