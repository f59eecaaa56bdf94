"""The law of proactive disclosure (主动公开) as pure Python: catalogue metadata, 索引号, review, scan.

spec catalogue.md. No Django, no I/O: the catalogue app persists what these
functions decide.
"""
