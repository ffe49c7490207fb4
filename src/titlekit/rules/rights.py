"""Names that are other owners' rights (playbook T14), beyond brands.

Characters and works: 小猪佩奇 on a cushion, 星球大战 on a toy. The name draws searches on the
owner's work; on goods the owner did not license it is an infringement complaint waiting to
happen.

The title is not questioned where it names the owner (迪士尼, sanrio), claims the goods are
genuine or licensed (正版, 授权), names a brand of its own that the lexicons know (a maker's
official edition: 三星 … 复仇者联盟礼盒), or sells the work itself (a book, a disc, a ticket, a
top-up of the game).

Another place's name after 非 (苹果 非烟台, 蜜柚 非广西容县): the title says what the item is
not in order to be found by the searches for that origin's protected produce.
"""

from __future__ import annotations

import re

from ..reading.types import Reading
from .base import Env, find_all, literal_pattern
from .structure import item_kinds

# words by which a title says the goods are genuine or licensed (代购: bought in a shop abroad)
LICENSED = ("正版", "正品", "原版", "授权", "官方", "联名", "限量版", "代购")
# kinds of item that are the work itself, or a service on it
WORK_KINDS = frozenset(("book", "virtual", "service"))


def _works(env: Env) -> tuple:
    def build() -> tuple:
        notes = env.lex.notes("licensed-works")
        owners = {w: tuple(n.strip().lower() for n in (note or ("",))[0].split("|") if n.strip())
                  for w, note in notes.items()}
        return literal_pattern(notes), owners

    return env.get("licensed-works", build)


def _own_known_brand(r: Reading) -> bool:
    return any(s.type == "brand" and not s.compat and s.source in ("lexicon", "declared")
               for s in r.slots)


def licensed_work_spans(r: Reading, env: Env) -> list[tuple[int, int, str, None]]:
    """(start, end, message, None: no fix) of each character or work named on goods its owner
    is not said to have licensed."""
    pattern, owners = _works(env)
    text = r.text
    found = list(find_all(pattern, text))
    if (not found or any(w in text for w in LICENSED) or _own_known_brand(r)
            or item_kinds(r, env) & WORK_KINDS):
        return []
    spans = []
    for m in found:
        name = m.group()
        if any(o in text for o in owners.get(name, ())):
            continue
        owner = (owners.get(name) or ("",))[0]
        msg = (f"“{name}”是{owner}的作品或形象，未经授权用在商品上会被权利人投诉"
               "（淘宝规则: 不当使用他人权利）：删掉名字前先确认商品本身有没有授权（运营规则 T14）。")
        spans.append((*m.span(), msg, None))
    return spans


def other_origin_spans(r: Reading, env: Env) -> list[tuple[int, int, str, None]]:
    """(start, end, message, None: no fix) of each 非 + a place's name."""
    pattern = env.get("non-origin", lambda: _non_origin(env))
    return [(*m.span(), (f"“{m.group()}”借别处产地的名气引流（淘宝规则: 不当使用他人权利）："
                         "只写本商品的产地（运营规则 T14）。"), None)
            for m in find_all(pattern, r.text)]


def _non_origin(env: Env):
    places = [w for w, note in env.lex.notes("not-brands").items() if note[:1] == ("place",)]
    inner = literal_pattern(places)
    return None if inner is None else re.compile("非(?:" + inner.pattern + ")")
