"""biblatex's langid names (babel/polyglossia) and CSL's BCP 47 language tags, both ways.

One table serves the writer (`LANGIDS`) and the reader (`LANGUAGE_TAGS`), so a language
exported is read back as the same tag.
"""

from __future__ import annotations

# CSL language (BCP 47) -> babel/polyglossia language name for biblatex's langid.
LANGIDS = {
    "en": "english", "en-US": "american", "en-GB": "british", "en-CA": "canadian",
    "en-AU": "australian", "en-NZ": "newzealand", "de": "ngerman", "de-AT": "naustrian",
    "de-CH": "nswissgerman", "fr": "french", "it": "italian", "es": "spanish",
    "pt": "portuguese", "pt-BR": "brazilian", "nl": "dutch", "la": "latin", "el": "greek",
    "ru": "russian", "uk": "ukrainian", "pl": "polish", "cs": "czech", "sk": "slovak",
    "sv": "swedish", "da": "danish", "nb": "norsk", "no": "norsk", "nn": "nynorsk",
    "fi": "finnish", "hu": "magyar", "tr": "turkish", "ca": "catalan", "hr": "croatian",
    "sl": "slovene", "ro": "romanian", "bg": "bulgarian", "sr": "serbian", "he": "hebrew",
    "ar": "arabic", "ja": "japanese", "zh": "chinese", "ko": "korean", "vi": "vietnamese",
    "et": "estonian", "lv": "latvian", "lt": "lithuanian", "is": "icelandic",
}

# Reading: the inverse of LANGIDS (the first tag listed wins, so "norsk" reads as "nb"), plus the
# older or spelled-out babel names a .bib file may use.
LANGUAGE_TAGS: dict[str, str] = {}
for _tag, _name in LANGIDS.items():
    LANGUAGE_TAGS.setdefault(_name, _tag)
LANGUAGE_TAGS.update({
    "usenglish": "en-US", "ukenglish": "en-GB", "german": "de", "austrian": "de-AT",
    "swissgerman": "de-CH", "norwegian": "nb", "hungarian": "hu",
})
