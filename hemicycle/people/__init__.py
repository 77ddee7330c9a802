"""Members of the assemblies: rosters, their tables, and who signed what.

``reference`` reads the vocabularies about people (terms, seats, hand fixes, links),
``roster`` reads roster files (EP member CSVs, Open Data Portal records) into members
and memberships, ``names`` compares printed names with roster names, ``resolve``
attributes every signature to a member.
"""
