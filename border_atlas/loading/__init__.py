"""Loading: a reader's tables checked against their schema and kept as a Dataset, and the record model.

``schema`` declares the tables and their rules, ``checks`` the vectorised value rules; ``validation``
keeps every valid row and names each problem (``problems``) by file, row and field; ``dataset`` loads,
``cache`` keeps the validated tables on disk. ``dates`` reads partial dates and the periods they span,
``archive`` the archived report texts; ``model`` is the record and place the renderers use, ``hierarchy``
the places inside places and the organisations under umbrellas.
"""
