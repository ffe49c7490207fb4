"""Campaign calendars for the outline's promotion block (seed 004: 双11 customer operations)."""

from __future__ import annotations

import datetime as dt

from ..errors import OutlineError

# 双11 customer-operation calendar (seed 004): (phase, first day, last day, tactics)
DOUBLE11 = (
    ("爆发期", (11, 11), (11, 11), ("0 点开抢提醒、多波段催付", "预热期加购收藏人群当天转化",
                                  "高关注未成交的高潜客户冲刺提醒", "会员多倍积分、前 2 小时成交加倍")),
    ("售后期", (11, 12), (11, 30), ("11.14 前告知积极发货，11.14–18 告知发货压力，11.18 后发货补偿券",
                                  "复购补偿券", "确认收货后保持会员活跃")),
    ("预热期", (10, 20), (11, 10), ("收藏、加购蓄水", "老客召回：流失客户、忠诚老客、去年双11买家",
                                  "活动倒计时提醒", "新会员专享券、积分兑换券")),
    ("预售期", (9, 9), (10, 19), ("做高预售参与客户量：提醒客户付定金", "关联搭配推荐",
                                  "营销主题系列活动触达活动敏感客户")),
    ("蓄水期", (8, 25), (9, 8), ("唤起记忆、蓄水造势：定向海报与个性化首页",
                                 "新客强调热销商品和新人礼，老客强调新品、积分和满减",
                                 "加购收藏未成交人群的自动化营销", "引导入会、会员互动")),
)
CAMPAIGNS = {"double11": DOUBLE11}
CAMPAIGN_NAMES = {"double11": "双11"}


def campaign_phase(name: str | None, date: dt.date | None) -> dict | None:
    if not name:
        return None
    if name not in CAMPAIGNS:
        raise OutlineError(f"unknown campaign '{name}' (known: {', '.join(CAMPAIGNS)})")
    day = date or dt.date.today()
    for phase, (m1, d1), (m2, d2), tactics in CAMPAIGNS[name]:
        if dt.date(day.year, m1, d1) <= day <= dt.date(day.year, m2, d2):
            return {"name": CAMPAIGN_NAMES[name], "phase": phase, "date": day.isoformat(),
                    "from": f"{m1}.{d1}", "to": f"{m2}.{d2}", "tactics": list(tactics)}
    return {"name": CAMPAIGN_NAMES[name], "phase": None, "date": day.isoformat(), "from": None, "to": None,
            "tactics": []}
