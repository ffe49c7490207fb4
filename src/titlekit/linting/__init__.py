"""Linting: the active rules over readings (:mod:`.linter`), a whole run over inputs
(:mod:`.session`), and duplicate problems over a batch of results (:mod:`.duplicates`)."""
