"""Vocabularies the fact files use that code elsewhere needs without loading the model.

Importing ``model`` loads pydantic (hundreds of milliseconds); these tables cost nothing.
"""

# Kinds of limit that different treaties count in different ways but that measure the same
# thing, so that `compare treaty` puts them on one row (START I's 6,000 accountable warheads,
# SORT's 1,700–2,200 and New START's 1,550 deployed warheads). Each treaty's own wording stays
# in its limit's label. Add a kind here, with the heading its row takes, before using it in a
# fact file (model.Limit.kind accepts only these).
LIMIT_KINDS: dict[str, str] = {
    "strategic-warheads": "Strategic warheads (as each treaty counts them)",
    "strategic-delivery-vehicles": "Strategic delivery vehicles (missiles and heavy bombers)",
}
