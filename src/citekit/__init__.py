"""citekit: checked citations from pasted article details, CSL-JSON and BibTeX.

Kept free of imports on purpose: `citekit cite` must start fast, so every
stage is imported only when a command needs it.
"""

__version__ = "0.1.0"
