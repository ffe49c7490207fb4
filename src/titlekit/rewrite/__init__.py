"""Catalog rewrite (``titlekit rewrite``): :mod:`.rewriter` runs the steps, :mod:`.steps` holds
the edits, :mod:`.pieces` the units a title is moved in, :mod:`.keywords` the keyword file,
:mod:`.unique` the de-duplication of rows and :mod:`.report` the per-row report."""
