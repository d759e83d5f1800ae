"""A check-in, or a whole journal, as a Markdown document to read or print.

Streamed a check-in at a time, so exporting 50,000 check-ins takes no more memory than
exporting one. The Markdown is valid CommonMark whatever was written: every piece of
the practitioner's text is escaped (``markdown_text``) so that ``#``, ``*``, ``>``,
code fences or a line starting ``1.`` read as the characters typed, never as structure.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from refleks.journal.codec import body_dict
from refleks.journal.labels import Labels
from refleks.journal.markdown_text import emphasis, heading
from refleks.journal.model import WHY_PREFIX, Answer, CheckIn, Readable
from refleks.journal.moments_text import render_moment_answers
from refleks.journal.records import parse_iso

if TYPE_CHECKING:
    from refleks.content.model import Content
    from refleks.content.ui import Strings

__all__ = ["Labels", "markdown_document", "readable", "render_checkin", "render_markdown",
           "render_readable"]

def readable(c: CheckIn) -> Readable:
    """What the Markdown of ``c`` is made from (the app's and ``show``'s way in)."""
    return Readable(c.uid, c.started_at, c.completed_at, c.status, c.area_title,
                    c.method_title or c.method_id or "", body_dict(c), c.area_id, c.method_id,
                    c.lang)


def render_checkin(c: CheckIn | Readable, t: Strings, *, level: int = 2,
                   labels: Labels | None = None, content: Content | None = None) -> str:
    """One check-in as a Markdown section starting with a heading of ``level``.

    Empty answers and sections are left out; everything written is escaped text. With
    ``content`` (or ``labels`` made with it) the names it knows are its own, in ``t``'s
    language (``content.names``).
    """
    return render_readable(c if isinstance(c, Readable) else readable(c),
                           labels or Labels(t, content), level)


def render_readable(r: Readable, labels: Labels, level: int = 2) -> str:
    """``render_checkin`` from a ``Readable``: the export's loop, kept tight.

    The free text is made Markdown in one go (``labels.texts``) and then taken in the
    order it was gathered: follow-ups (action, text), answers, CHIME reflections, focus
    actions, later notes, the method and the notes. Every piece comes from ``labels``,
    so ``html.PackLabels`` gets the same check-in as the pack's HTML from this walk.

    The parts come in the order the check-in asks them, whatever order they were
    written in: how last week's method went inside the follow-up, the moments, the
    area's questions in its order (``Labels.in_order``), and each "why this one?"
    beside its focus value.
    """
    body = r.body
    follow_ups, answers, chime = body["follow_ups"], body["answers"], body["chime"]
    focus, later_notes = body["focus"], body["later_notes"]
    texts = [text for f in follow_ups for text in (f["action"], f["text"])]
    texts += [a["text"] for a in answers]
    texts += [x["text"] for x in chime]
    texts += [f["action"] for f in focus]
    texts += [n["text"] for n in later_notes]
    texts += (labels.name("method", r.method_id, r.method) if r.method else "", body["notes"])
    done = iter(labels.texts(texts))
    w = labels.words
    h2, h3 = labels.headings(level + 1), labels.headings(level + 2)
    area = labels.name("area", r.area_id, r.area_title) if r.area_title or r.area_id else ""
    parts: list[str] = [labels.title(r.started_at, area, level)]
    if r.status == "draft":
        parts.append(labels.draft)
    elif r.completed_at is not None:
        parts.append(labels.completed_line(r.completed_at))

    looked_back = [(f, next(done), next(done)) for f in follow_ups]
    asked: list[str] = []  # the reflection's questions, the extra prompt, examples, dilemmas
    method_went: list[str] = []  # how last week's method went: in the follow-up
    moments = []
    whys: dict[str, tuple[str, str]] = {}  # value id: (question, why) beside its value
    for a, text in labels.in_order(r.area_id, [(a, next(done)) for a in answers]):
        kind = a["kind"]
        if kind == "moment":
            moments.append(a)
        elif not text:
            continue
        elif kind == "method_follow_up":
            method_went += (h3[a["question_text"] or a["question_id"]], text)
        elif kind == "why":
            whys[a["question_id"].removeprefix(WHY_PREFIX)] = (
                a["question_text"] or a["question_id"], text)
        else:
            asked += (h2[a["question_text"] or a["question_id"]], text)
    if whys:  # one whose value is no longer chosen (an older draft) is still shown
        chosen = {f["value_id"] for f in focus}
        for value_id, (question, text) in list(whys.items()):
            if value_id not in chosen:
                asked += (h2[question], text)
                del whys[value_id]

    section: list[str] = []
    for f, action, text in looked_back:
        if action or text or f["keep"]:
            section.append(h3[labels.name("value", f["value_id"], f["value_name"])])
            if action:
                section += (labels.follow_up_action, action)
            if text:
                section.append(text)
            if f["keep"]:
                section.append(labels.follow_up_keep)
    section += method_went
    if section:
        parts.append(h2[w["follow_ups"]])
        parts += section

    if any(a["text"].strip() for a in moments):  # moments taken further, each shown once
        parts.append(h2[labels.t("moments.step.title")])
        parts += labels.from_markdown(render_moment_answers(
            [Answer(a["question_id"], a["question_text"], a["text"], a["kind"])
             for a in moments], labels.t, level + 2))
    parts += asked

    section = []
    for x in chime:
        text = next(done)
        if text:
            mode = w.get(f"chime_{x['mode']}", x["mode"])
            question = x["question_text"].strip()
            section += (h3[labels.name("chime", x["element_id"], x["element_name"])],
                        labels.emphasis(f"{mode} – {question}" if question else mode), text)
    if section:
        parts.append(h2[w["chime"]])
        parts += section

    if focus:
        parts += (h2[w["focus"]], labels.focus_list(
            [(labels.name("value", f["value_id"], f["value_name"]),
              labels.with_why(next(done), whys[f["value_id"]][1]) if f["value_id"] in whys
              else next(done))
             for f in focus]))

    later = [(n["created_at"], next(done)) for n in later_notes]
    method = next(done)
    if method:
        parts += (h2[w["method"]], method)
    notes = next(done)
    if notes:
        parts += (h2[w["notes"]], notes)

    section = []
    for created_at, text in later:
        if text:
            when = parse_iso(created_at) if isinstance(created_at, str) else created_at
            section += (labels.stamp(when), text)
    if section:
        parts.append(h2[w["later_notes"]])
        parts += section
    return labels.join(parts)


def render_markdown(checkins: Iterable[CheckIn | Readable], t: Strings, lang: str, *,
                    title: bool = True, subtitle: str | None = None,
                    content: Content | None = None) -> Iterator[str]:
    """A readable document, streamed a check-in at a time.

    With ``title`` it starts with the journal's title (and ``subtitle``, e.g. the
    period) and check-ins are ``##`` sections; without, the first check-in heading is
    ``##`` too, so the TUI can show one check-in on its own. ``lang`` is the language
    of ``t``; it is taken so callers state it, the text itself comes from ``t``.
    """
    del lang  # the words and date style come from t, which is already in that language
    labels = Labels(t, content)
    return markdown_document(
        (render_readable(c if isinstance(c, Readable) else readable(c), labels)
         for c in checkins), t, title=title, subtitle=subtitle)


def markdown_document(sections: Iterable[str], t: Strings, *, title: bool = True,
                      subtitle: str | None = None) -> Iterator[str]:
    """The document around check-ins already rendered (``render_readable``, level 2):
    the title and period first, or a line saying there is nothing to show."""
    wrote_any = False
    if title:
        head = heading(1, t("journal.md.title"))
        if subtitle:
            head += "\n\n" + emphasis(subtitle)
        yield head + "\n"
    for section in sections:
        if title or wrote_any:
            yield "\n"  # on its own: joined with the rest when written, not copied here
        yield section
        wrote_any = True
    if title and not wrote_any:
        yield "\n" + emphasis(t("journal.md.empty")) + "\n"
