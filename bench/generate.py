#!/usr/bin/env python3
"""Generates a synthetic documentation site for benchmarks, four ways with the same pages:

- a tolk site (tolk.toml, content/articles, content/model, locales/<l>/*.ftl with source
  snapshots and a seeded share of drift; the default theme the binary carries);
- a Hugo site (one content directory per language);
- a Zola site (the source locale the default language, the others as translations
  `SLUG.<l>.md`, a page template with a language switcher);
- one mdBook per locale.

Each article: 6 sections, about 25 paragraphs of ~60 words with emphasis and links, two
numbered lists, a model-driven table, notes, a code block with a long line, Fluent
placeables and a plural.

Usage: generate.py N OUT [--locales en,nl,de,hu] [--drift 0.1] [--seed 42] [--sections 6] [--words 60]
                   [--terms 0] [--untranslated]
Deterministic: the same arguments give the same bytes.
"""
import argparse
import os
import random
import re
import shutil

WORDS = ("partner benefit support incident contract access account portal cloud product "
         "competency silver gold action pack signature technical request plan service "
         "subscription license software key assign user admin role activate activation "
         "Azure credit monthly yearly refund window reassignment Visual Studio network "
         "member offer marketing campaign partner center dashboard workspace").split()
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def sentence(rng, n):
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def paragraph(rng, words=60):
    parts, left = [], words
    while left > 0:
        n = min(left, rng.randint(8, 16))
        parts.append(sentence(rng, n))
        left -= n
    text = " ".join(parts)
    ws = text.split(" ")
    i = rng.randrange(1, len(ws) - 4)
    ws[i] = "**" + ws[i] + "**"
    ws[i + 2] = "[" + ws[i + 2] + "](https://example.org/" + ws[i + 2].strip(".").lower() + ")"
    return " ".join(ws)


def article(rng, i, sections=6, words=60):
    """(messages in order: (id, english), skeleton, plain markdown renderer)."""
    msgs, skel = [], []
    slug = f"a{i:05d}"

    def add(mid, text):
        msgs.append((mid, text))
        return "{{ " + mid + " }}"

    skel.append(f"# {add(f'{slug}--title', f'Article {i}: ' + sentence(rng, 5).rstrip('.'))} {{#{slug}}}\n")
    for s in range(sections):
        sec = f"s{s}"
        skel.append(f"## {add(f'{sec}--title', sentence(rng, 4).rstrip('.'))} {{#{sec}}}\n")
        for p in range(4):
            skel.append(add(f"{sec}--p-{p}", paragraph(rng, words)) + "\n")
        if s % 6 in (1, 3):
            for k in range(1, 4):
                skel.append(f"{k}. " + add(f"{sec}--step-{k}", sentence(rng, 10)))
            skel.append("")
        if s % 6 == 2:
            skel.append("> [!NOTE]\n> " + add(f"{sec}--note-1", sentence(rng, 14)) + "\n")
            skel.append("| " + add("table-tier", "Tier") + " | " + add("table-incidents", "Incidents") + " |")
            skel.append("|---|---:|")
            for tier in ("silver", "gold"):
                skel.append(f"| {add(f'tier-{tier}', tier.capitalize())} | "
                            + "{{ incidents count=facts.tiers." + tier + ".incidents }} |")
            skel.append("")
            msgs.append(("incidents", "{ $count ->\n    [one] { $count } incident\n   *[other] { $count } incidents\n}"))
        if s % 6 == 4:
            skel.append(add(f"{sec}--credit", "You get { $amount } of credit a year.").replace(" }}", " amount=facts.credit }}") + "\n")
        if s % 6 == 5:
            # A code block with a line longer than any screen (the theme must scroll it, not the page).
            skel.append("```bash\ntolk check --format sarif --output tolk.sarif  # "
                        + " ".join(f"step-{k}" for k in range(24)) + "\ntolk build\n```\n")
    return slug, msgs, "\n".join(skel) + "\n"


VOWELS = "aeiou"


def pseudo_word(word, shift):
    """The word with its vowels shifted: readable, not English, the same length."""
    out = []
    for ch in word:
        i = VOWELS.find(ch.lower())
        if i < 0:
            out.append(ch)
        else:
            v = VOWELS[(i + shift) % len(VOWELS)]
            out.append(v.upper() if ch.isupper() else v)
    return "".join(out)


def translate(text, locale, untranslated=False):
    """A stand-in translation with the structure preserved: every word of the text (not link
    destinations, placeables or variant keys) replaced by a pseudo-word of the locale; with
    `untranslated`, the English text tagged with the locale (every message then reads as
    English to the checker)."""
    if untranslated:
        if text.startswith("{ $count ->"):
            return text
        return f"[{locale}] " + text if not text.startswith("[") else text
    shift = 1 + sum(map(ord, locale)) % 4
    if text.startswith("{ $count ->"):
        return re.sub(r"\bincidents?\b", lambda m: pseudo_word(m.group(0), shift), text)
    parts = re.split(r"(\]\([^)]*\)|\{[^}]*\})", text)
    return "".join(p if i % 2 else re.sub(r"[A-Za-z]+", lambda m: pseudo_word(m.group(0), shift), p)
                   for i, p in enumerate(parts))


def plain(text, args):
    for k, v in args.items():
        text = text.replace("{ $" + k + " }", str(v))
    return text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--locales", default="en,nl,de,hu")
    ap.add_argument("--drift", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--sections", type=int, default=6, help="sections per article (messages per resource grow with it)")
    ap.add_argument("--words", type=int, default=60, help="words per paragraph message")
    ap.add_argument("--terms", type=int, default=0,
                    help="do-not-translate terms in tolk.toml (product names the text does not use: what a glossary costs)")
    ap.add_argument("--untranslated", action="store_true",
                    help="translations are the English text tagged with the locale (the checker's worst case)")
    a = ap.parse_args()
    locales = a.locales.split(",")
    rng = random.Random(a.seed)
    shutil.rmtree(a.out, ignore_errors=True)
    tolk, hugo, mdbook, zola = (os.path.join(a.out, d) for d in ("tolk", "hugo", "mdbook", "zola"))
    os.makedirs(os.path.join(tolk, "content/articles"))
    os.makedirs(os.path.join(tolk, "content/model"))
    names = ", ".join(f'{l} = "{l.upper()}"' for l in locales)
    with open(os.path.join(tolk, "tolk.toml"), "w") as f:
        f.write(f'[site]\ntitle = "Benchmark"\nbase-url = "https://bench.example.org"\n\n[locales]\nsource = "{locales[0]}"\n'
                f'targets = {locales[1:]!r}\nnames = {{ {names} }}\n'.replace("'", '"'))
        if a.terms:
            terms = [f"Fabrikam {WORDS[k % len(WORDS)].capitalize()} {k}" for k in range(a.terms)]
            f.write("\n[check]\ndo-not-translate = [" + ", ".join(f'"{t}"' for t in terms) + "]\n")
    with open(os.path.join(tolk, "content/model/facts.toml"), "w") as f:
        f.write('credit = 6000\n\n[[tiers]]\nid = "silver"\nincidents = 15\n\n[[tiers]]\nid = "gold"\nincidents = 20\n')
    hugo_cfg = ['baseURL = "https://bench.example.org/"', 'title = "Benchmark"', "disableKinds = ['taxonomy', 'term', 'RSS']",
                f'defaultContentLanguage = "{locales[0]}"', "defaultContentLanguageInSubdir = true", "[languages]"]
    for w, l in enumerate(locales):
        hugo_cfg += [f"[languages.{l}]", f'contentDir = "content/{l}"', f"weight = {w + 1}"]
        os.makedirs(os.path.join(hugo, "content", l))
        os.makedirs(os.path.join(mdbook, l, "src"))
        with open(os.path.join(mdbook, l, "book.toml"), "w") as f:
            f.write(f'[book]\ntitle = "Benchmark {l}"\nlanguage = "{l}"\n\n[output.html]\nsearch.enable = false\n')
    os.makedirs(os.path.join(hugo, "layouts/_default"))
    with open(os.path.join(hugo, "hugo.toml"), "w") as f:
        f.write("\n".join(hugo_cfg) + "\n")
    with open(os.path.join(hugo, "layouts/_default/single.html"), "w") as f:
        f.write('<!DOCTYPE html><html lang="{{ .Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
                '<body><nav>{{ range .AllTranslations }}<a href="{{ .RelPermalink }}">{{ .Lang }}</a> {{ end }}</nav>'
                '<main>{{ .Content }}</main></body></html>\n')
    with open(os.path.join(hugo, "layouts/_default/list.html"), "w") as f:
        f.write('<!DOCTYPE html><html lang="{{ .Lang }}"><body><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n')
    os.makedirs(os.path.join(zola, "content"))
    os.makedirs(os.path.join(zola, "templates"))
    with open(os.path.join(zola, "config.toml"), "w") as f:
        f.write(f'base_url = "https://bench.example.org"\ntitle = "Benchmark"\ndefault_language = "{locales[0]}"\n'
                "compile_sass = false\nbuild_search_index = false\n\n"
                + "".join(f'[languages.{l}]\ntitle = "Benchmark"\n\n' for l in locales[1:]))
    with open(os.path.join(zola, "templates", "page.html"), "w") as f:
        f.write('<!DOCTYPE html><html lang="{{ page.lang }}"><head><meta charset="utf-8"><title>{{ page.title }}</title></head>'
                '<body><nav>{% for t in page.translations %}<a href="{{ t.permalink }}">{{ t.lang }}</a> {% endfor %}</nav>'
                '<main>{{ page.content | safe }}</main></body></html>\n')
    for name in ("index.html", "section.html"):
        with open(os.path.join(zola, "templates", name), "w") as f:
            f.write('<!DOCTYPE html><html lang="{{ lang }}"><body><ul>{% for p in section.pages %}'
                    '<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}</ul></body></html>\n')
    for l in locales:
        suffix = "" if l == locales[0] else f".{l}"
        with open(os.path.join(zola, "content", f"_index{suffix}.md"), "w") as f:
            f.write('+++\ntitle = "Benchmark"\nsort_by = "weight"\n+++\n')
    summaries = {l: ["# Summary\n"] for l in locales}
    ftl = {l: {} for l in locales}
    for i in range(a.n):
        slug, msgs, skel = article(rng, i, a.sections, a.words)
        with open(os.path.join(tolk, "content/articles", slug + ".md"), "w") as f:
            f.write(f'+++\ntitle = "{slug}--title"\nweight = {i}\n+++\n' + skel)
        args = {"amount": "6,000", "count": 15}
        for l in locales:
            d = os.path.join(tolk, "locales", l)
            os.makedirs(os.path.join(d, "snapshots"), exist_ok=True)
            body, snap, seen = [], [], set()
            for mid, en in msgs:
                if mid in seen:
                    continue
                seen.add(mid)
                text = en if l == locales[0] else translate(en, l, a.untranslated)
                body.append(f"{mid} = {text}")
                if l != locales[0]:
                    old = en if rng.random() >= a.drift else en.replace(".", " (old).", 1)
                    snap.append(f"{mid} = {old}")
            with open(os.path.join(d, slug + ".ftl"), "w") as f:
                f.write("\n".join(body) + "\n")
            if snap:
                with open(os.path.join(d, "snapshots", slug + ".ftl"), "w") as f:
                    f.write("\n".join(snap) + "\n")
            # The same page as plain Markdown for Hugo and mdBook.
            md = skel
            lookup = dict(msgs)
            en_or = lambda mid: lookup[mid] if l == locales[0] else translate(lookup[mid], l, a.untranslated)
            for mid, en in msgs:
                text = en if l == locales[0] else translate(en, l, a.untranslated)
                if mid == "incidents":
                    continue
                md = md.replace("{{ " + mid + " }}", plain(text, args))
            for tier, n in (("silver", 15), ("gold", 20)):
                md = md.replace("{{ incidents count=facts.tiers." + tier + ".incidents }}", f"{n} incidents")
            md = re.sub(r"\{\{ (s\d+--credit) amount=facts\.credit \}\}",
                        lambda m: plain(en_or(m.group(1)), args), md)
            md = md.replace(" {#", " {#")
            title = plain(lookup[f"{slug}--title"], args)
            with open(os.path.join(hugo, "content", l, slug + ".md"), "w") as f:
                f.write(f'---\ntitle: "{title}"\ntranslationKey: "{slug}"\n---\n' + md.split("\n", 1)[1])
            suffix = "" if l == locales[0] else f".{l}"
            with open(os.path.join(zola, "content", slug + suffix + ".md"), "w") as f:
                f.write(f'+++\ntitle = "{title}"\nweight = {i + 1}\n+++\n' + md.split("\n", 1)[1])
            with open(os.path.join(mdbook, l, "src", slug + ".md"), "w") as f:
                f.write(md.replace(" {#" + slug + "}", ""))
            summaries[l].append(f"- [{title}](./{slug}.md)")
    for l in locales:
        with open(os.path.join(mdbook, l, "src", "SUMMARY.md"), "w") as f:
            f.write("\n".join(summaries[l]) + "\n")
    print(f"generated {a.n} articles x {len(locales)} locales in {a.out}/{{tolk,hugo,zola,mdbook}}")


if __name__ == "__main__":
    main()
