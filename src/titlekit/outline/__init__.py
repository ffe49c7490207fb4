"""Detail-page outlines in the playbooks' order (:mod:`.sections`, :mod:`.campaign`), rendered
from Jinja templates (:mod:`.render`) for listings and catalogs (:mod:`.pages`); and the audit of
an existing page's sections (:mod:`.check`)."""
