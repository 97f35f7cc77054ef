"""From a stored original's bytes to text, metadata and passages.

Pure, I/O-light functions over a file path; nothing here touches a database, the blob
store or the custody log. Typical use::

    from qarina.ingest.identify import identify
    from qarina.ingest.registry import default_registry
    from qarina.ingest.passages import split_passages

    found = identify(path, original_name="report.pdf")   # Identification
    ingestor = default_registry().choose(found)           # best-scoring Ingestor
    result = ingestor.extract(path)                       # Extraction, or InputError
    passages = split_passages(item_sha256, result.text or "", result.language)

Modules: ``identify`` (MIME from content vs. claimed), ``contract`` (``Ingestor``
protocol, ``Accepts``, ``Extraction``), ``registry`` (built-ins and plugins of the
``qarina.ingestors`` entry-point group), ``formats/`` (one module per kind: text, html,
pdf, image, opaque), ``encoding`` and ``normalise`` (bytes to the stored text form),
``language`` (offline language id) and ``passages`` (offset-exact passages).

Importing this package imports no parser; each format module imports its own library.
"""
