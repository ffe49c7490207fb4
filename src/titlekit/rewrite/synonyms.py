"""Product words that name the same item (synonyms and the category word buyers search for it).

A keyword term may fill a title only when it states nothing new: a word of the same group as a
product word the title already names (手表 → 腕表, 充电宝 → 移动电源). Curated from common
Taobao/Tmall usage; each group holds words a buyer uses for one kind of item, and either word may stand for the
other: never a word that narrows it (a material, a function, an audience, a form: 雪纺连衣裙
is not 连衣裙, 钢化膜 is not every 贴膜, 双肩包 is not every 背包).
"""

from __future__ import annotations

GROUPS = (
    "手表 腕表",
    "手机壳 手机套",
    "数据线 充电线",
    "充电宝 移动电源",
    "台式机 台式电脑",
    "冰箱 电冰箱",
    "电视 电视机",
    "空调 空调机",
    "口红 唇膏",
    "沐浴露 沐浴液",
    "洗发水 洗发露",
    "自行车 单车",
    "电动车 电瓶车",
    "墨镜 太阳镜",
    "镜框 眼镜框 镜架",
    "纸尿裤 尿不湿",
    "u盘 优盘",
    "固态硬盘 ssd",
    "投影仪 投影机",
    "电饭煲 电饭锅",
    "剃须刀 刮胡刀",
    "电吹风 吹风机",
    "被子 被芯",
    "枕头 枕芯",
    "书籍 图书",
    "运动鞋 运动鞋子",
    "羽绒服 羽绒衣",
    "棉衣 棉服",
    "胸罩 文胸",
    "睡衣 家居服",
    "围巾 围脖",
    "鼠标垫 鼠标垫子",
    "音箱 音响",
    "路由器 路由",
    "洗面奶 洁面乳 洗面乳",
    "面霜 乳霜",
    "防晒霜 防晒乳",
    "茶叶 茶",
    "狗粮 犬粮",
    "猫粮 猫食",
    "门票 票",
)


def synonyms() -> dict[str, frozenset[str]]:
    """Each word mapped to the other words of its group."""
    out: dict[str, frozenset[str]] = {}
    for g in GROUPS:
        words = g.split()
        for w in words:
            out[w] = frozenset(out.get(w, frozenset()) | (set(words) - {w}))
    return out
