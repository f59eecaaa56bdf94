"""The catalogue app: proactive disclosure (主动公开) — entries, versions, review, publication, table 二."""
