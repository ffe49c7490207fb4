"""The title as titlekit understands it: text in, :class:`~titlekit.reading.types.Reading` out.

text (normalisation) → segment/tokens → slots (lexicons, patterns) → recogniser → reader.
"""
