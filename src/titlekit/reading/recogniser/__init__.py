"""The trained recogniser of brand, product word and model spans (a linear-chain CRF).

:mod:`.features` turns titles into hashed per-character features, :mod:`.model` holds the
weights and scores batches, :mod:`.decode` finds the best labels and their confidences,
:mod:`.merge` puts the spans into a reading.
"""
