"""One test per principle of judging-titles.md, each with a title that the release before this
work (c959ae9) judged wrongly. They use only the public API (titlekit.lint), so the same file
runs against any release."""

from __future__ import annotations

import titlekit


def rules(title: str, **context) -> set[str]:
    return {p.rule for p in titlekit.lint(title, **context).problems}


def spans(title: str, rule: str, **context) -> list[str]:
    return [title[p.start:p.end] for p in titlekit.lint(title, **context).problems
            if p.rule == rule]


# -- reading the title ---------------------------------------------------------------------
def test_a_bilingual_brand_pair_is_one_brand():
    for title in ("Nike/耐克 运动鞋 男 透气 跑步鞋", "yonex尤尼克斯 羽毛球拍 全碳素 超轻",
                  "华为 HUAWEI nova 2S 手机 全网通"):
        assert "brand-overuse" not in rules(title), title


def test_a_product_line_is_part_of_the_product():
    assert "ip-risk" not in rules("Apple iPhone 8 Plus 64GB 深空灰 手机", brand="Apple")
    assert "brand-overuse" not in rules("华为 荣耀9 青春版 手机 全网通 幻夜黑")


def test_a_line_of_the_brand_named_is_read_even_where_no_brand_list_has_it():
    found = titlekit.lint("华为 HUAWEI nova 2S 全面屏 手机 曜石黑 双卡双待")
    assert ("line", "nova") in {(s.type, s.text) for s in found.slots}
    assert "missing-model" not in {p.rule for p in found.problems}  # nova 2S is the model
    assert "missing-model" not in rules("华为 荣耀 畅玩6X 手机 冰河银 全网通")


def test_carriers_places_and_colours_are_not_brands():
    assert "brand-overuse" not in rules("OPPO R15 全面屏 手机 全网通 移动联通电信 4G 双卡双待")
    assert "ip-risk" not in rules("Apple iPhone 8 全网通 联通 电信 手机", brand="Apple")


def test_a_brand_word_in_its_everyday_sense_is_no_brand():
    # 苹果 in a fresh-fruit title is the fruit, not Apple standing after other words
    title = "新鲜水果 陕西 冰糖心 红富士 苹果 5斤 装"
    assert "structure-order" not in rules(title)
    assert "苹果" in [s.text for s in titlekit.lint(title).slots if s.type == "product"]
    assert [s.key for s in titlekit.lint("苹果 iphone 8 手机 全网通").slots
            if s.type == "brand"] == ["苹果"]


def test_compatibility_is_not_branding():
    title = "某牌 华为p20钢化膜 全屏 防蓝光 高清"
    found = titlekit.lint(title)
    assert not {"structure-order", "brand-overuse", "ip-risk"} & {p.rule for p in found.problems}
    assert any(s.type == "compatible" and s.text == "华为" for s in found.slots)


def test_a_device_is_no_accessory_because_a_feature_holds_an_accessory_word():
    # 边框 (a frame, sold as a part) inside 无边框 (borderless), a feature of the phone itself;
    # a real JD phone title of ../shared/data/jd_phone_titles.txt (line 1715), shortened
    title = "努比亚（nubia） Z17 无边框手机 旭日金 标配版 全网通 双卡双待"
    found = titlekit.lint(title)
    assert ("brand", "努比亚") in {(s.type, s.text) for s in found.slots}
    assert "missing-brand" not in {p.rule for p in found.problems}
    # a frame sold for a phone is an accessory: the phone's brand is what it fits
    frame = titlekit.lint("某牌 努比亚z17 手机边框 金属 防摔")
    assert ("compatible", "努比亚") in {(s.type, s.text) for s in frame.slots}


def test_a_keypad_is_a_feature_of_a_keypad_phone():
    # 按键 (keys) in 直板按键 老人手机 is how the phone is built, not a spare part: the brand is
    # the phone's own (real JD phone titles of ../shared/data/jd_phone_titles.txt, shortened)
    for title in ("飞利浦（PHILIPS） E183A 老人手机 移动联通2G 直板功能按键 双卡双待 皇家蓝",
                  "中兴（ZTE） CV16 2G电信手机老人手机 直板按键老年手机 黑色"):
        found = titlekit.lint(title)
        assert "brand" in {s.type for s in found.slots}, title
        assert "missing-brand" not in {p.rule for p in found.problems}, title


def test_a_number_right_after_the_brand_is_its_model():
    found = titlekit.lint("诺基亚（NOKIA）230 银白色 直板按键 移动联通2G手机 双卡双待 老人手机")
    assert ("model", "230") in {(s.type, s.text) for s in found.slots}
    assert "missing-model" not in {p.rule for p in found.problems}
    # a letter that is no unit makes a model code, not a spec (3310C, not 3310 c)
    found = titlekit.lint("创星 3310C直板按键 老人手机 老年功能机 黑色移动版")
    assert ("model", "3310C") in {(s.type, s.text) for s in found.slots}
    # a year or a quantity after the brand is no model
    for title, number in (("李宁 2018新款 运动鞋 男 跑步鞋", "2018"), ("海尔 500升 冰箱 双门 家用", "500")):
        assert ("model", number) not in {(s.type, s.text) for s in titlekit.lint(title).slots}


def test_a_short_code_after_the_brand_is_its_model_with_its_variant_word():
    # real JD phone titles (../shared/data/jd_phone_titles.txt), shortened
    for title, model in (("小米（MI） 6X 全网通 手机 曜石黑 4GB+64GB", "6X"),
                         ("魅族 15 Plus 全面屏手机 全网通公开版 6GB+128GB 砚黑", "15 Plus"),
                         ("SOYES 索野 7S 移动联通 迷你智能手机", "7S"),
                         ("诺基亚（NOKIA） 新105 移动联通2G 直板老人机", "105")):
        found = titlekit.lint(title)
        assert ("model", model) in {(s.type, s.text) for s in found.slots}, title
        assert "missing-model" not in {p.rule for p in found.problems}, title
    # a size or a spec after the brand is no model
    for title, spec in (("金士顿 8g u盘 高速 金属", "8g"), ("海信 4k 电视 55寸 智能", "4k")):
        assert ("model", spec) not in {(s.type, s.text) for s in titlekit.lint(title).slots}, title


def _typed(title: str) -> set[tuple[str, str]]:
    return {(s.type, s.text) for s in titlekit.lint(title).slots}


def test_device_brands_listed_together_are_what_the_item_works_with():
    title = "宜客莱 头戴式 vr眼镜 苹果安卓手机 游戏 3d 高清影院"
    assert ("compatible", "苹果") in _typed(title)
    assert "brand-overuse" not in rules(title)
    got = _typed("卡色 手机镜头 广角 微距 鱼眼 苹果华为手机镜头")
    assert {("compatible", "苹果"), ("compatible", "华为")} <= got, got
    assert ("brand", "苹果") in _typed("苹果 iPhone X 手机 全网通 三星")  # a phone stays Apple's


def test_a_bracketed_pair_opening_the_title_is_the_items_brand():
    # JD writes the item's brand field first: 小米（MI） makes this case, it does not only fit it
    assert ("brand", "小米") in _typed("小米（MI）小米MIX2 硅胶保护套 蓝色")
    got = rules("尼凯恩（neken） EN8 老年人手机 移动/联通 双卡双待 老人机 金色")
    assert "missing-brand" not in got, got
    assert ("compatible", "宏碁") in _typed("适用宏碁(Acer) 暗影骑士3 笔记本贴膜 外壳贴纸")
    assert "brand-overuse" not in rules("纽曼（Newman） C9电信老人手机 天翼三防老年手机 电信橙")
    # the pair is the brand even where its Chinese name is also a word of another kind (a tree)
    assert ("brand", "橄榄树") in _typed("橄榄树（Olive tree） 直板按键老人手机 移动联通2G 双卡双待")
    assert ("brand", "蒜苗") not in _typed("蒜苗（cd)")  # and nothing else names the product


def test_a_part_maker_or_design_partner_in_a_device_title_is_no_second_brand():
    # real JD phone titles (../shared/data/jd_phone_titles.txt)
    for title in ("华为 HUAWEI Mate 10 Pro 全面屏徕卡双摄游戏手机 6GB+128GB 银钻灰 全网通",
                  "黑鲨 游戏手机 液冷更快 高通骁龙845 双卡双待 极夜黑 全网通(6G + 64G )",
                  "华为（HUAWEI） Mate RS 保时捷设计版 手机 玄黑 全网通(6G+256G)"):
        assert "brand-overuse" not in rules(title), title
    # the part maker's own item keeps its brand
    assert ("brand", "英特尔") in _typed("英特尔（Intel）i5 9400F 盒装处理器 六核CPU 华硕 主板 套装")


def test_an_original_part_is_the_device_makers_own():
    # 原装 before the device brand: the maker's own part, not one made to fit its devices
    found = titlekit.lint("原装 东芝 t-2309c 碳粉盒 墨粉 e2303am")
    assert ("brand", "东芝") in {(s.type, s.text) for s in found.slots}
    assert "missing-brand" not in {p.rule for p in found.problems}
    assert ("compatible", "东芝") in _typed("兼容 东芝 t-2309c 碳粉盒 墨粉 e2303am")


def test_not_every_item_has_a_brand_or_a_model():
    for title in ("王者荣耀 点券 代充 自动充值 秒到", "新鲜 砂糖橘 现摘 5斤 包邮"):
        assert not {"missing-brand", "missing-model"} & rules(title), title
    assert "missing-model" not in rules("茵曼 连衣裙 女 夏季 雪纺 碎花")
    # crafts and festive goods, business supplies, raw materials, parts, made to order
    for title in ("佛教用品 莲花灯 佛堂 供佛灯 七彩 led", "圣诞节装饰用品 喷雪 飞雪 雪花喷雾 婚庆",
                  "一次性手套 盒装 抽取式 pe 厨房 餐饮 食品级", "尼龙绳子 捆绑绳 丙纶绳 涤纶绳 耐磨",
                  "直插有源晶振 33m 长方形", "不干胶贴纸 定制 印刷 彩色 pvc 防水 透明标签",
                  "天然 玛瑙 手镯 红色 女款", "婚房布置 套装 气球 拱门 浪漫 结婚用品",
                  "仿真花 玫瑰 客厅 摆件 装饰 花束", "西餐厅 卡座 沙发 桌椅 组合 定制"):
        assert "missing-brand" not in rules(title), title
    # goods that normally carry one are still asked
    assert "missing-brand" in rules("加厚 羽绒服 女 中长款 冬季 保暖 外套")


def test_furniture_decoration_and_building_materials_are_not_asked_for_a_brand():
    # a workshop sells them by look, size and material; the item's own product word says so
    for title in ("北欧 实木 茶几 客厅 小户型 简约 现代 圆形 边几",
                  "卧室 装饰画 北欧 客厅 挂画 三联 无框画 现代简约",
                  "简易 鞋架 多层 家用 门口 经济型 宿舍 收纳"):
        assert "missing-brand" not in rules(title), title
    # the same words inside another item's name, or before it, leave it asked for a brand
    for title in ("儿童 地板袜 秋冬 加厚 防滑 宝宝 学步袜", "壁挂 蓝牙音箱 家用 无线 小音响"):
        assert "missing-brand" in rules(title), title


def test_selling_points_are_benefits():
    assert "missing-selling-point" not in rules("免打孔 置物架 卫生间 浴室 壁挂")
    assert "missing-selling-point" not in rules("羊毛衫 女 不起球 圆领 套头")


def test_a_service_a_top_up_a_book_or_a_used_item_is_not_asked_for_a_selling_point():
    for title in ("王者荣耀 点券 代充 自动充值", "考研资料 2018 真题 笔记 复习题",
                  "二手 金庸 武侠 小说 全套 九成新", "上门安装 空调 移机 服务"):
        assert "missing-selling-point" not in rules(title), title
    assert "missing-selling-point" in rules("山东特产 山药 绿豆 粉皮 350克")


def test_a_medicine_listed_by_its_pack_is_not_asked_for_a_selling_point():
    # pharmacy listings name the registered drug and its pack; claims of effect are not allowed
    for title in ("康恩贝 阿莫西林胶囊 0.25g*24粒/盒", "太极 复方黄连素片 30mg*12片*2板/盒"):
        assert "missing-selling-point" not in rules(title), title
    assert "missing-selling-point" in rules("康恩贝 玻璃杯 500ml 蓝色")


def test_a_translated_or_ancient_author_marks_a_book():
    for title in ("批判性思维教与学 帮助学生质疑假设的方法 【美】布鲁克菲尔德",
                  "本草经集注 （梁）陶弘景 辑 尚志钧 辑校"):
        got = rules(title)
        assert not got & {"missing-selling-point", "missing-brand"}, (title, got)
    assert "missing-brand" in rules("收纳盒（中）塑料 桌面 整理")


def test_only_a_title_with_room_is_asked_for_a_selling_point():
    # a full title's descriptive words (印花, 碎花, v领) are what an operator reads as its
    # selling points; a short one has room for one and is asked
    full = "个性印花休闲衬衫情侣长袖衬衣男女同款春秋韩版宽松大码上衣学生外套"
    assert titlekit.lint(full).bytes >= 54
    assert "missing-selling-point" not in rules(full)
    short = [p for p in titlekit.lint("个性印花休闲衬衫情侣长袖衬衣").problems
             if p.rule == "missing-selling-point"]
    assert short and "还有" in short[0].message


def test_a_device_feature_is_a_selling_point():
    assert "missing-selling-point" not in rules("长虹 GA958 老人手机 双卡双待 金色")


def test_authenticity_and_stock_words_may_stand_anywhere():
    assert "structure-order" not in rules("正品 耐克 运动鞋 男 跑步鞋")
    assert "promo-overload" not in rules("耐克 运动鞋 男 正品 现货 包邮")
    # 包邮 is a search word buyers use: fine anywhere, before the product or the brand
    for title in ("包邮 强力磁铁 钕铁硼 稀土磁铁 30*20*10mm", "包邮 耐克 运动鞋 男 跑步鞋"):
        assert "structure-order" not in rules(title), title
    assert "structure-order" in rules("清仓 连衣裙 女 夏季 雪纺 碎花")  # other promotions go last


def test_a_promotion_word_breaks_the_order_where_it_opens_the_title():
    # it pushes the brand and the product back; further inside it does no such harm
    assert spans("特价 宠物 狗狗 尿片 加厚 100片 除臭", "structure-order") == ["特价"]
    for title in ("厨房 定时器 特价 学习 计时器 提醒器 冰箱贴", "连衣裙 女 夏季 清仓 雪纺 碎花"):
        assert "structure-order" not in rules(title), title


def test_a_brand_written_again_in_the_products_name_is_no_overuse():
    # 小米6X is the phone's name (deleting 小米 would leave 6X); 6X is its model
    title = "小米（MI） 小米6X 手机 流沙金 全网通(6GB+64GB)"
    assert not {"brand-overuse", "missing-model"} & rules(title)
    assert not {"brand-overuse", "missing-model"} & rules("小米（MI） 小米8 游戏手机 蓝色 全网通")
    assert "brand-overuse" in rules("耐克 运动鞋 男 耐克 跑步鞋")
    # but the whole name written twice, or a brand written apart from its model, is a repeat
    assert "brand-overuse" in rules("小霸王Q900 掌机 游戏机 双摇杆 小霸王Q900 新款")
    assert "brand-overuse" in rules("Apple 苹果8 Apple 8 iPhone 8 全网通 手机")


def test_baby_first_bite_is_not_a_ranking():
    assert "absolute-term" not in rules("宝宝第一口辅食 米粉 高铁 婴儿")
    assert "absolute-term" in rules("全网第一 蓝牙耳机")


# -- rules as an operator applies them -----------------------------------------------------
def test_brackets_that_hold_notes_codes_or_aliases_are_not_highlighting():
    for title in ("戈博（gerber）户外 雨衣 雨披 套装", "美的 空调 kfr-35gw(e) 挂机",
                  "华为 mate60 手机（白色）全网通", "批判性思维 【美】 斯蒂芬"):
        assert "bracket-highlight" not in rules(title), title
    assert spans("【爆款】耐克 男鞋 运动鞋", "bracket-highlight") == ["【爆款】"]
    # a size or code, and the resale marketplace's own marker before a resold item
    for title in ("蚂蚱公子 系带男鞋 6832[41]", "[转卖]德尔玛 吸尘器 家用 小型 超静音 手持式"):
        assert "bracket-highlight" not in rules(title), title
        assert "structure-order" not in rules(title), title


def test_stuffing_is_seen_whatever_the_lexicons_and_the_segmenter():
    assert "keyword-stuffing" in rules("收纳盒 桌面 收纳盒 抽屉式 收纳盒 塑料")
    assert spans("婚宴酒店 婚庆基地 婚庆酒店 预订", "repeated-keyword")


def test_a_scrambled_title_is_junk():
    assert "scrambled-title" in rules("刷置套刷杯牙壁架架创壁意卫架杯漱室物牙挂盒浴膏间牙吸装生式口")
    assert "scrambled-title" not in rules("韩版遮肚大码女装胖mm200斤显瘦加绒加厚外套百搭中长款连帽风衣")


def test_fill_is_about_unused_room():
    short = titlekit.lint("耐克 跑鞋").score
    nearly = titlekit.lint("耐克 aj1 运动鞋 男 跑步鞋 透气 减震 轻便 2024").score
    assert nearly - short >= 20


def test_what_gets_a_listing_penalised_costs_most():
    bracket = titlekit.lint("【新款】耐克 aj1 运动鞋 男 跑步鞋 透气 减震 轻便 防滑").score
    absolute = titlekit.lint("最好的 耐克 aj1 运动鞋 男 跑步鞋 透气 减震 轻便").score
    assert bracket > absolute


def test_an_empty_title_scores_nothing():
    result = titlekit.lint("   ")
    assert result.score == 0 and [p.rule for p in result.problems] == ["empty-title"]


def test_another_owners_character_on_unlicensed_goods_is_ip_risk():
    assert spans("小猪佩奇 抱枕 儿童 卡通 靠垫 沙发 毛绒", "ip-risk") == ["小猪佩奇"]
    assert spans("新款 益智 星球大战 儿童 遥控 机器人 玩具", "ip-risk") == ["星球大战"]
    # the owner named, genuine or licensed goods, a known maker's edition, the work itself
    for title in ("迪士尼 冰雪奇缘 儿童 书包 女 小学生", "正版授权 小猪佩奇 抱枕 儿童",
                  "三星 galaxy s 轻奢版 复仇者联盟 礼盒 4gb+64gb", "哈利波特 全集 1-7 中文版 图书"):
        assert "ip-risk" not in rules(title), title


def test_printing_a_character_to_order_is_no_service_on_the_work():
    # 代打印 is printing to order (not the game service 代打): the character is reproduced
    assert spans("哆啦a梦 糯米纸 代打印 数码蛋糕 照片打印 食用糖霜纸", "ip-risk") == ["哆啦a梦"]


def test_another_origins_name_after_fei_is_ip_risk():
    assert spans("湖南 江永 香柚 沙田柚 新鲜水果 非广西 蜜柚 10斤", "ip-risk") == ["非广西"]
    assert "ip-risk" not in rules("湖南 江永 香柚 沙田柚 新鲜水果 非转基因 10斤")


def test_origin_state_and_product_line_may_stand_before_the_brand():
    # where the item comes from (日本代购, 韩国), its state (全新) and the brand's own product
    # line (thinkpad 联想) qualify the brand: the order is still brand-first
    for title in ("日本代购 三丽鸥 hello kitty 甜甜圈 发夹 少女 可爱", "韩国 蝶恋花 美白 护肤 五件套装",
                  "全新 华为 usg2230e 企业级 千兆 硬件防火墙", "thinkpad 联想 t420s 二手 笔记本 电脑"):
        assert "structure-order" not in rules(title), title
    # a product word before the brand is still out of order
    assert "structure-order" in rules("运动鞋 耐克 男 透气 跑步鞋 减震")
