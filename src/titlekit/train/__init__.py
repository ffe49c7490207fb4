"""Training the slot recogniser (``python -m titlekit.train``) and the one train/held-out split
of the labelled titles (:mod:`.datasplit`)."""
