"""fit_template.py - an independent reading of the template rules of
docs/configuration.md, for the end-to-end tests: which sections and blocks
a template shows for a monitor once `indicators_with` and `each_indicator`
are applied (the geography and data rules are not modelled)."""


def _picked(pick, ind):
    themes = pick.get("theme") or []
    if isinstance(themes, str):
        themes = [themes]
    if themes and ind.get("theme") not in themes:
        return False
    tags = ind.get("tags") or []
    if pick.get("tag") and pick["tag"] not in tags:
        return False
    return not (pick.get("except_tag") and pick["except_tag"] in tags)


def fit(t, m):
    """The template's sections as (title, [block]) with each block's
    `indicators` filled in, as eimon shows them for monitor m."""
    inds = m.get("indicators") or []
    out = []
    for s in t["sections"]:
        blocks = []
        for b in s["blocks"]:
            b = dict(b)
            if "indicators_with" in b:
                b["indicators"] = [i["id"] for i in inds
                                   if _picked(b["indicators_with"] or {}, i)]
                if not b["indicators"] and b["type"] in (
                        "chart", "table", "headlines", "dashboard"):
                    continue
            elif b["type"] in ("headlines", "dashboard") and not b.get("indicators"):
                b["indicators"] = [i["id"] for i in inds]
            if not b.get("each_indicator"):
                blocks.append(b)
                continue
            for x in b["indicators"]:
                one = dict(b, indicators=[x])
                ch = next(i for i in inds if i["id"] == x).get("chart") or {}
                if b["type"] == "chart" and b.get("chart", "line") != "bar":
                    if ch.get("kind") == "none":
                        continue
                    for k in ("since", "index_to", "refs", "places"):
                        if k in ch:
                            one[k] = ch[k]
                    if ch.get("kind") in ("line", "column"):
                        one["chart"] = ch["kind"]
                blocks.append(one)
        if blocks:
            out.append((s.get("title"), blocks))
    return out
