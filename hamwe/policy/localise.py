"""The policy in the reader's language.

A pack's texts are in its source language (`pack.language`); its translations
(`pack.translations`, see format.PACK_TEXTS) hold some or all of them in other languages.
`localise(pack, "fr")` is the pack with every text in French where the French translation
has it, and in the source language, marked, where it does not: such a text is an
`Untranslated` string, which renders itself in a page with its language and a visible
mark. Nothing else changes: keys, numbers, dates and measures are the pack's own.

The same walk over PACK_TEXTS gives the counts (`coverage`), what is missing, the
translator's skeleton (`skeleton`) and the pruning of translations whose source text was
edited (`prune`).
"""

import json
import re
import textwrap

from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _

from . import format as fmt


class Untranslated(str):
    """A text shown in the source language because its translation is missing.

    In a template it renders as `<span class="untranslated" ...><span lang="en">text</span>
    <small class="lang-mark">[EN]</small></span>` (autoescape calls `__html__`); in an
    f-string or `str.format` (a choice label, a composed line) it carries a plain
    "[EN]" mark. `%`-formatting and `str()` give the bare text.
    """

    language: str

    def __new__(cls, text, language):
        self = super().__new__(cls, text)
        self.language = language
        return self

    def __reduce__(self):
        return (Untranslated, (str(self), self.language))

    def __html__(self):
        return mark_html(str(self), self.language)

    def __format__(self, spec):
        return format(f"{str(self)} [{self.language.upper()}]", spec)


# Languages that write the names of languages in lower case within a sentence.
_LOWER_CASE_NAMES = {"fr", "sv", "es", "it", "pt", "nl", "da", "nb", "rn", "rw", "sw"}


def language_name(code):
    """The name of the language `code` in the active language, as written in a sentence
    ("anglais" in French, "English" in English)."""
    try:
        name = str(translation.get_language_info(code)["name_translated"])
    except KeyError:
        return code
    if reading_language(translation.get_language()) in _LOWER_CASE_NAMES:
        name = name[:1].lower() + name[1:]
    return name


def mark_html(inner, language):
    """`inner` (plain text, or HTML already made safe) marked as shown untranslated, in
    `language`."""
    title = _("Not translated yet: shown in the source language (%(source)s).") % {
        "source": language_name(language),
    }
    return format_html(
        '<span class="untranslated" title="{}"><span lang="{}">{}</span> '
        '<small class="lang-mark">[{}]</small></span>',
        title, language, inner, language.upper(),
    )


def reading_language(language) -> str:
    """"fr-be" -> "fr": packs are translated by language, not by country."""
    return (language or "").split("-")[0].lower()


# --- Walking the texts -----------------------------------------------------------------


def _items(spec, node, path):
    """(path, kind, value) of every text leaf of a pack's `node` under `spec`: a TEXT, a
    TEXTS list whole, each descriptor. Empty texts (an optional description) are not texts
    to translate."""
    for field, kind in spec.items():
        value = getattr(node, field, None)
        if value is None:
            continue
        here = path + (field,)
        if kind == fmt.TEXT:
            if value:
                yield here, kind, value
        elif kind == fmt.TEXTS:
            if value:
                yield here, kind, list(value)
        elif kind == fmt.DESCRIPTORS:
            for level, text in value.items():
                yield here + (level,), fmt.TEXT, text
        elif isinstance(kind, fmt.Keyed):
            for item in value:
                yield from _items(kind.fields, item, here + (getattr(item, kind.by),))
        else:
            yield from _items(kind, value, here)


def _mirror_items(spec, node, path):
    """The same leaves in a translation (a mirror, as a dict)."""
    for field, kind in spec.items():
        value = node.get(field)
        if value is None:
            continue
        here = path + (field,)
        if kind in (fmt.TEXT, fmt.TEXTS):
            yield here, kind, value
        elif kind == fmt.DESCRIPTORS:
            for level, text in value.items():
                yield here + (level,), fmt.TEXT, text
        elif isinstance(kind, fmt.Keyed):
            for key, item in value.items():
                yield from _mirror_items(kind.fields, item, here + (key,))
        else:
            yield from _mirror_items(kind, value, here)


def source_texts(pack) -> dict:
    """path -> text (or list of texts) for every text of the pack, in pack order."""
    return {path: value for path, _kind, value in _items(fmt.PACK_TEXTS, pack, ())}


def translated_texts(translation_) -> dict:
    """path -> text (or list) for every text a translation (model or dict) holds."""
    data = _as_dict(translation_)
    return {path: value for path, _kind, value in _mirror_items(fmt.PACK_TEXTS, data, ())}


def _as_dict(translation_):
    if translation_ is None:
        return {}
    if isinstance(translation_, dict):
        return translation_
    return translation_.model_dump(exclude_none=True)


def _count(value):
    return len(value) if isinstance(value, list) else 1


def coverage(pack, language) -> tuple[int, int]:
    """(texts translated into `language`, texts of the pack); a list of n texts counts n."""
    source = source_texts(pack)
    total = sum(_count(v) for v in source.values())
    if reading_language(language) == pack.language:
        return total, total
    done = translated_texts(pack.translations.get(reading_language(language)))
    return sum(
        _count(v) for p, v in done.items() if p in source and _fits(source[p], v)
    ), total


def _fits(source, given):
    """A translated leaf stands for its source: a list only with as many texts."""
    return not isinstance(source, list) or len(given) == len(source)


def missing(pack, language) -> list[tuple]:
    """The paths of the pack's texts that `language`'s translation lacks."""
    done = translated_texts(pack.translations.get(reading_language(language)))
    return [
        path for path, value in source_texts(pack).items()
        if path not in done or not _fits(value, done[path])
    ]


def format_text_path(path) -> str:
    """('principles', 'equity', 'in_practice') -> 'principles.equity.in_practice'."""
    return ".".join(str(p) for p in path)


# --- Reading in a language -------------------------------------------------------------


def localise(pack, language):
    """The pack in `language`: translated texts where the translation has them, the
    source's (as Untranslated) where it does not. The source language gives the pack
    itself."""
    language = reading_language(language)
    if not language or language == pack.language:
        return pack
    mirror = _as_dict(pack.translations.get(language))
    return _localised(fmt.PACK_TEXTS, pack, mirror, pack.language)


def _localised(spec, node, mirror, source):
    changes = {}
    for field, kind in spec.items():
        value = getattr(node, field, None)
        if value is None:
            continue
        given = mirror.get(field)
        if kind == fmt.TEXT:
            if value:
                changes[field] = given if given else Untranslated(value, source)
        elif kind == fmt.TEXTS:
            if value:
                ok = given is not None and len(given) == len(value)
                changes[field] = list(given) if ok else [Untranslated(v, source) for v in value]
        elif kind == fmt.DESCRIPTORS:
            given = given or {}
            changes[field] = {
                level: given.get(level) or Untranslated(text, source)
                for level, text in value.items()
            }
        elif isinstance(kind, fmt.Keyed):
            given = given or {}
            changes[field] = [
                _localised(kind.fields, item, given.get(getattr(item, kind.by)) or {}, source)
                for item in value
            ]
        else:
            changes[field] = _localised(kind, value, given or {}, source)
    return node.model_copy(update=changes)


def indicator_translations(pack) -> dict[str, dict[str, str]]:
    """Score-card indicator key -> {language: text} of its translations."""
    found = {}
    for language, item in pack.translations.items():
        for key, texts in (_as_dict(item).get("scorecard", {}).get("indicators") or {}).items():
            if texts.get("text"):
                found.setdefault(key, {})[language] = texts["text"]
    return found


def text_in(text, language, translations, reader):
    """A frozen text (written in `language`, with `translations` by language) as
    `reader` reads it: the translation, or the text itself, marked when it is not in the
    reader's language. An unknown `language` ("") is shown as is."""
    reader = reading_language(reader)
    if not language or reader == language:
        return text
    if translations.get(reader):
        return translations[reader]
    return Untranslated(text, language)


# --- Edits ------------------------------------------------------------------------------


def _nest(leaves):
    out = {}
    for path, value in leaves.items():
        node = out
        for step in path[:-1]:
            node = node.setdefault(step, {})
        node[path[-1]] = value
    return out


def prune(translation_, old_pack, new_pack):
    """The translation without the texts whose source changed from `old_pack` to
    `new_pack`: a translation of words the policy no longer says would mislead; the
    reader sees the new source text, marked, until it is translated again."""
    old, new = source_texts(old_pack), source_texts(new_pack)
    data = _as_dict(translation_)
    kept = {
        path: value
        for path, value in translated_texts(data).items()
        if path in new and old.get(path) == new[path]
    }
    about = {k: data[k] for k in ("translated_from", "translator") if k in data}
    return fmt.Translation.model_validate({**about, **_nest(kept)})


# --- The translator's skeleton ------------------------------------------------------------

_PLAIN_KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")
WIDTH = 92


def _key(key):
    if isinstance(key, int) or _PLAIN_KEY.match(key):
        return str(key)
    return json.dumps(key, ensure_ascii=False)


def _scalar(text, indent):
    """A YAML scalar for `text` after a key at `indent`: quoted when short, folded (>-)
    when long; "" for a text still to translate."""
    if not text:
        return ' ""'
    simple = "\n" not in text and len(text) + indent < 70
    if simple:
        return " " + json.dumps(text, ensure_ascii=False)
    pad = " " * (indent + 2)
    paragraphs = [
        textwrap.fill(p, width=WIDTH - len(pad), break_long_words=False,
                      break_on_hyphens=False)
        for p in text.split("\n")
    ]
    body = "\n\n".join(textwrap.indent(p, pad) for p in paragraphs)
    return " >-\n" + body


def _comment(text, indent, language):
    pad = " " * indent + "# "
    lines = []
    for paragraph in str(text).split("\n"):
        lines += textwrap.wrap(paragraph, width=max(WIDTH - len(pad), 40),
                               break_long_words=False, break_on_hyphens=False) or [""]
    lines[0] = f"{language}: {lines[0]}"
    return [pad + line for line in lines]


def skeleton(pack, language, *, translator="") -> str:
    """A translation file for `language` holding every text of the pack: the source as a
    comment above each, the translation where one exists, "" where it is still to do.
    Empty texts fail validation, so the file is loadable only once each is translated or
    its line removed (a text without a translation is simply absent)."""
    language = reading_language(language)
    existing = pack.translations.get(language)
    done = translated_texts(existing)
    translator = translator or (existing.translator if existing else "")
    translated_from = existing.translated_from if existing else pack.language
    lines = [
        f"# Translation of the policy pack {pack.pack!r} (version {pack.version}) into "
        f"{language!r}.",
        "# Each text of the pack follows, its source as a comment above it. Translate the",
        '# "" ones; delete a line to leave its text untranslated (shown in the source, marked).',
        f"language: {language}",
        f"translated_from: {translated_from}",
        f"translator:{_scalar(translator, 10)}",
    ]
    lines += _emit(fmt.PACK_TEXTS, pack, (), 0, done, pack.language)
    return "\n".join(lines) + "\n"


def _emit(spec, node, path, indent, done, source):
    pad = " " * indent
    out = []
    for field, kind in spec.items():
        value = getattr(node, field, None)
        if value is None:
            continue
        here = path + (field,)
        if kind == fmt.TEXT:
            if value:
                out += _comment(value, indent, source)
                out.append(f"{pad}{field}:{_scalar(done.get(here, ''), indent)}")
        elif kind == fmt.TEXTS:
            if value:
                given = done.get(here) or [""] * len(value)
                out.append(f"{pad}{field}:")
                for text, translated in zip(value, given, strict=True):
                    out += _comment(text, indent + 2, source)
                    out.append(f"{pad}  -{_scalar(translated, indent + 2)}")
        elif kind == fmt.DESCRIPTORS:
            out.append(f"{pad}{field}:")
            for level, text in value.items():
                out += _comment(text, indent + 2, source)
                scalar = _scalar(done.get(here + (level,), ""), indent + 2)
                out.append(f"{pad}  {level}:{scalar}")
        elif isinstance(kind, fmt.Keyed):
            block = []
            for item in value:
                key = getattr(item, kind.by)
                inner = _emit(kind.fields, item, here + (key,), indent + 4, done, source)
                if inner:
                    block += [f"{pad}  {_key(key)}:"] + inner
            if block:
                out += [f"{pad}{field}:"] + block
        else:
            inner = _emit(kind, value, here, indent + 2, done, source)
            if inner:
                out += [f"{pad}{field}:"] + inner
    return out
