"""``refleks --plain``: the weekly check-in as plain lines, driven as a whole process.

Through a real pseudo-terminal (``terminal_helpers.Terminal``), as a person with a
screen reader types it, and through pipes. The check-in it stores must be the one the
app stores for the same answers: the expected one is built with the same domain flow
the app's screens call, with the texts the app's screens store beside each answer.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
from journal_helpers import make_checkin, when
from terminal_helpers import Terminal, command

from refleks.checkin import CheckinFlow
from refleks.content.loader import load_content
from refleks.content.ui import load_strings
from refleks.journal.model import CheckIn
from refleks.journal.moments import Moment
from refleks.journal.store import Journal
from refleks.paths import bundled_content_dir

ESC = b"\x1b"
BOX_DRAWING = re.compile("[\u2500-\u259f]")  # box drawing and block elements


def week_two(path: Path) -> tuple[CheckIn, Moment]:
    """Last week's check-in (Trust and Presence, a method) and a moment since."""
    journal = Journal.open(path)
    previous = make_checkin("2026-11-23")
    previous.method_id = "method.3"
    journal.save(previous)
    moment = Moment(text="Sto i stillheten i stedet for å fylle den.",
                    created_at=when("2026-11-27"))
    journal.moments.add(moment)
    journal.close()
    return previous, moment


def clean(transcript: bytes) -> None:
    """No escape sequence and no box-drawing character anywhere in the bytes."""
    assert ESC not in transcript, transcript[transcript.find(ESC) - 80:][:200]
    assert not BOX_DRAWING.search(transcript.decode("utf-8", "replace"))


def stored(checkin: CheckIn) -> dict[str, Any]:
    """What a check-in holds, less when and under which number it was stored."""
    kept = asdict(checkin)
    for key in ("uid", "id", "status", "started_at", "updated_at", "completed_at", "reached",
                "taken_further", "saved_revision", "later_notes"):
        kept.pop(key, None)
    kept["answers"] = sorted(kept["answers"], key=lambda a: a["question_id"])
    for follow_up in kept["follow_ups"]:
        follow_up.pop("from_uid")
    return kept


class Words:
    """The words of one language the dialogue is driven with."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.t = load_strings(lang)
        self.yes = self.t("plain.yes")
        self.back, self.quit, self.skip = (self.t(f"plain.words.{w}")
                                           for w in ("back", "quit", "skip"))
        self.rewrite = self.t("plain.guard.rewrite_letter")


def the_same_in_the_app(lang: str, started: CheckIn, previous: CheckIn,
                        moment: Moment, rewritten: str) -> CheckIn:
    """The check-in the app stores for the answers the dialogue below gives: the same
    flow calls the app's screens make, with the question texts they store."""
    from refleks.tui.screens.checkin.focus import store_why

    t = load_strings(lang)
    content = load_content(bundled_content_dir(), lang)
    checkin = CheckIn(lang=lang, started_at=started.started_at)
    flow = CheckinFlow(content, checkin, previous, {"relasjonell": previous.started_at},
                       [moment])
    flow.set_follow_up("tillit", "Det gikk bedre enn jeg trodde.")
    flow.set_keep("tillit", True)
    method = flow.method_follow_up()
    assert method is not None
    flow.set_method_follow_up(t("checkin.follow_up.method", method=method[1]),
                              "Vi prøvde det på fredag.")
    for part, text in (("what", "Stillhet."), ("meaning", "Nærvær.")):
        flow.set_moment_answer(moment, part, text, t(
            "moments.step.question", question=t(f"moments.step.{part}"),
            moment=" ".join(moment.text.split())))
    flow.choose_area("relasjonell")
    flow.set_answer(flow.prompts()[0], rewritten)
    flow.set_answer(flow.prompts()[1], "Når jeg holder det jeg lover.\nOgså i små ting.")
    element = content.chime[1]
    flow.choose_chime(element.id, "missing",
                      t("checkin.chime.missing_question", element=element.name.lower()))
    flow.set_chime_text("Håpet manglet en dag.")
    flow.toggle_focus("respekt")
    flow.set_action("respekt", "Banke på før jeg går inn.")
    store_why(flow, "respekt", "Fordi det viser hvem som bestemmer.", t)
    flow.toggle_focus("empati")
    flow.set_action("empati", "Lytte ferdig.")
    flow.choose_method(content.methods[2].id)
    flow.set_notes("Ta opp i veiledning.")
    return checkin


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_whole_checkin_in_plain_lines_is_the_one_the_app_stores(
        lang: str, journal_path: Path) -> None:
    previous, moment = week_two(journal_path)
    w = Words(lang)
    t = w.t
    term = Terminal("--lang", lang, "--plain", extra={"NO_COLOR": "1"})
    try:
        def answer(expected: str, typed: str) -> None:
            term.sees(expected)
            term.press(typed)

        # follow-up: Trust written about and kept, Presence skipped, the method's turn
        answer(t("checkin.follow_up.placeholder"), "Det gikk bedre enn jeg trodde.\n\n")
        answer(t("checkin.follow_up.keep"), f"{w.yes}\n")
        answer(t("checkin.follow_up.placeholder"), "\n")
        answer(t("checkin.follow_up.keep"), "\n")
        answer(t("checkin.follow_up.method_placeholder"), "Vi prøvde det på fredag.\n\n")
        # the moment, taken further: two of its three questions
        answer(t("plain.moments.take"), f"{w.yes}\n")
        answer(t("moments.step.what"), "Stillhet.\n\n")
        answer(t("moments.step.meaning"), "Nærvær.\n\n")
        answer(t("moments.step.now"), "\n")
        # the area by its number, then the questions (one written over two lines)
        answer(t("plain.area.ask", number=2), "1\n")
        answer(t("checkin.reflect.counter", number=1, total=4), "Jeg ringte 412 34 567.\n\n")
        answer(t("checkin.reflect.counter", number=2, total=4),
               "Når jeg holder det jeg lover.\nOgså i små ting.\n\n")
        answer(t("checkin.reflect.counter", number=3, total=4), "\n")
        answer(t("checkin.reflect.counter", number=4, total=4), "\n")
        answer(t("plain.reflect.placeholder"), f"{w.skip}\n")  # the week's extra
        # CHIME: the second element, least present
        answer(t("plain.chime.ask_none"), "2\n")
        answer(t("checkin.chime.present"), "2\n")
        answer(t("checkin.chime.placeholder"), "Håpet manglet en dag.\n\n")
        # focus: Trust kept from the follow-up; two more by name, one with why
        answer(t("plain.focus.ask"), f"{'respekt' if lang == 'nb' else 'respect'}\n")
        answer(t("checkin.focus.action_placeholder"), "Banke på før jeg går inn.\n")
        answer(t("checkin.focus.why_placeholder"), "Fordi det viser hvem som bestemmer.\n")
        answer(t("plain.focus.ask"), f"{'empati' if lang == 'nb' else 'empathy'}\n")
        answer(t("checkin.focus.action_placeholder"), "Lytte ferdig.\n")
        answer(t("checkin.focus.why_placeholder"), "\n")
        answer(t("checkin.focus.count", count=3), "\n")
        answer(t("plain.method.ask", current=t("checkin.method.none")), "3\n")
        answer(t("checkin.summary.notes_placeholder"), "Ta opp i veiledning.\n\n")
        answer(t("plain.summary.save"), "\n")
        # the guard finds the phone number: rewrite, back at the first question
        answer(t("guard.kind.phone"), f"{w.rewrite}\n")
        answer(t("plain.so_far"), "Jeg ringte tilbake samme dag.\n\n")
        for number in (2, 3, 4):  # what was written stays with an empty line
            answer(t("checkin.reflect.counter", number=number, total=4), "\n")
        answer(t("plain.reflect.placeholder"), f"{w.skip}\n")
        answer(t("plain.chime.ask", current=load_content(bundled_content_dir(), lang)
                 .chime[1].name), "\n")
        answer(t("checkin.chime.missing"), "\n")
        answer(t("checkin.chime.placeholder"), "\n")
        answer(t("plain.focus.ask"), "\n")
        answer(t("checkin.method.title"), "\n")
        answer(t("checkin.summary.notes_placeholder"), "\n")
        answer(t("plain.summary.save"), "\n")
        term.sees(t("checkin.saved"))
        term.sees("refleks overtime")  # how to see the weeks, offered once it is saved
        assert term.ended() == 0
        clean(term.drawn)
    finally:
        term.close()
    journal = Journal.open(journal_path)
    saved = journal.latest()
    assert saved is not None and saved.status == "complete" and saved.uid != previous.uid
    assert journal.current_draft() is None
    expected = the_same_in_the_app(lang, saved, previous, moment, "Jeg ringte tilbake samme dag.")
    assert stored(saved) == stored(expected)
    assert [f.value_id for f in saved.focus] == ["tillit", "respekt", "empati"]


def piped(*argv: str, answers: str, **environment: str) -> subprocess.CompletedProcess[bytes]:
    """``refleks *argv`` with its input and output pipes: no terminal at all."""
    env = {**os.environ, "TERM": "xterm-256color", **environment}
    env.pop("NO_COLOR", None)
    return subprocess.run(command(*argv), input=answers.encode(), capture_output=True,
                          env=env, timeout=60, check=False)


def test_to_a_pipe_no_escape_sequence_and_each_answer_kept_as_it_is_given(
        journal_path: Path) -> None:
    done = piped("--lang", "en", "--plain", answers="1\nI listened more.\n\nquit\n")
    assert done.returncode == 0, done.stderr
    clean(done.stdout)
    said = done.stdout.decode()
    assert "Question 1 of 4" in said and "kept as a draft" in said
    draft = Journal.open(journal_path).current_draft()
    assert draft is not None and draft.area_id == "relasjonell"
    assert [a.text for a in draft.answers] == ["I listened more."]


@pytest.mark.parametrize("chosen", [
    {"argv": ("--plain",)},
    {"REFLEKS_PLAIN": "1"},
    {"TERM": "dumb"},
    {"config": "plain = true\n"},
])
def test_plain_is_chosen_by_the_option_the_variable_the_setting_or_a_dumb_terminal(
        chosen: dict[str, Any], isolated_home: Path) -> None:
    chosen = dict(chosen)
    argv = chosen.pop("argv", ())
    config = chosen.pop("config", None)
    if config is not None:
        (isolated_home / "config.toml").write_text(config, encoding="utf-8")
    done = piped("--lang", "en", *argv, answers="quit\n", **chosen)
    assert done.returncode == 0, done.stderr  # not "the app needs a terminal" (2)
    assert load_strings("en")("plain.intro") in done.stdout.decode()
    clean(done.stdout)


def test_ctrl_d_leaves_and_says_the_draft_is_kept(journal_path: Path) -> None:
    term = Terminal("--lang", "nb", "--plain", extra={"NO_COLOR": "1"})
    t = load_strings("nb")
    try:
        term.sees(t("plain.area.ask", number=1))
        term.press("1\n")
        term.sees(t("checkin.reflect.counter", number=1, total=4))
        term.press("Første linje\nandre linje\n\x04")  # ctrl+d at the start of a line
        term.sees(t("plain.left"))
        assert term.ended() == 0
    finally:
        term.close()
    draft = Journal.open(journal_path).current_draft()
    assert draft is not None
    assert [a.text for a in draft.answers] == ["Første linje\nandre linje"]


def test_back_goes_one_question_back_across_steps(journal_path: Path) -> None:
    t = load_strings("en")
    done = piped("--lang", "en", "--plain",
                 answers="1\nFirst.\n\nback\nback\n2\nquit\n")
    assert done.returncode == 0, done.stderr
    said = done.stdout.decode()
    # back from question 2 to question 1, and from there to the area, chosen anew
    assert said.count(t("checkin.reflect.counter", number=1, total=4)) == 2
    assert said.count(t("checkin.area.title")) == 2
    draft = Journal.open(journal_path).current_draft()
    assert draft is not None and draft.area_id == "menneskesyn"
    assert [a.text for a in draft.answers] == ["First."]


def texts_kept(checkin: CheckIn) -> list[str]:
    """Every text a person wrote that a check-in keeps: answers (and why), CHIME, the
    focus actions, follow-ups, notes."""
    return ([a.text for a in checkin.answers] + [c.text for c in checkin.chime]
            + [f.action for f in checkin.focus] + [f.text for f in checkin.follow_ups]
            + [checkin.notes])


def test_hopp_at_any_answer_skips_it_and_is_never_stored(journal_path: Path) -> None:
    """A new user typed «hopp» at question 2 of 6, then an empty line: «hopp» was stored
    as the answer (the word skipped only among the extras). Now it skips every kind of
    answer, as an empty line does, and «hopp.» is how the word itself is answered."""
    w = Words("nb")
    t = w.t
    term = Terminal("--lang", "nb", "--plain", extra={"NO_COLOR": "1"})
    try:
        def answer(expected: str, typed: str) -> None:
            term.sees(expected)
            term.press(typed)

        answer(t("plain.area.ask", number=1), "1\n")
        answer(t("checkin.reflect.counter", number=1, total=4), "Første svar.\n\n")
        answer(t("checkin.reflect.counter", number=2, total=4), "hopp\n")
        answer(t("checkin.reflect.counter", number=3, total=4), "hopp.\n\n")  # meant
        answer(t("checkin.reflect.counter", number=4, total=4), "hopp\n")
        answer(t("plain.reflect.placeholder"), "hopp\n")  # an extra: the rest skipped
        answer(t("plain.chime.ask_none"), "1\n")
        answer(t("checkin.chime.present"), "\n")
        answer(t("checkin.chime.placeholder"), "hopp\n")
        answer(t("plain.focus.ask"), "respekt\n")
        answer(t("checkin.focus.action_placeholder"), "hopp\n")
        answer(t("checkin.focus.why_placeholder"), "hopp\n")
        answer(t("checkin.focus.count", count=1), "\n")
        answer(t("plain.method.ask", current=t("checkin.method.none")), "\n")
        answer(t("checkin.summary.notes_placeholder"), "hopp\n")
        answer(t("plain.summary.save"), f"{w.quit}\n")
        term.sees(t("plain.left"))
        assert term.ended() == 0
        assert "Et tomt svar, eller «hopp», hopper over" in term.drawn.decode()  # said first
    finally:
        term.close()
    draft = Journal.open(journal_path).current_draft()
    assert draft is not None
    assert [a.text for a in draft.answers] == ["Første svar.", "hopp."]
    assert [a.question_id.rsplit(".", 1)[-1] for a in draft.answers] == ["q1", "q3"]
    assert [f.value_id for f in draft.focus] == ["respekt"]
    assert "hopp" not in texts_kept(draft)


# Where each kind of answer is asked, in English from an empty journal: the keys to it.
_QUESTION = "1\n"  # area 1: its first question
_CHIME = _QUESTION + "\n\n\n\n" + "skip\n" + "1\n\n"  # four questions, the extras, CHIME 1
_ACTION = _CHIME + "\n" + "respect\n"
_WHY = _ACTION + "Knock first.\n"
_NOTES = _CHIME + "\n\n\n"  # no focus, no method


@pytest.mark.parametrize("word", ["back", "quit"])
@pytest.mark.parametrize("where", [_QUESTION, _CHIME, _ACTION, _WHY, _NOTES],
                         ids=["question", "chime", "action", "why", "notes"])
def test_back_and_quit_at_any_kind_of_answer_are_commands_not_the_answer(
        word: str, where: str, journal_path: Path) -> None:
    done = piped("--lang", "en", "--plain", answers=f"{where}{word}\nquit\nquit\n")
    assert done.returncode == 0, done.stderr
    assert "kept as a draft" in done.stdout.decode()
    draft = Journal.open(journal_path).current_draft()
    assert draft is not None
    assert not {"back", "quit"} & {text.strip() for text in texts_kept(draft)}


def test_editor_at_any_kind_of_answer_is_a_command_not_the_answer(journal_path: Path) -> None:
    """At a long answer the own editor opens (here one that changes nothing); an action
    and its why are one line, and the dialogue says so and asks again."""
    t = load_strings("en")
    done = piped("--lang", "en", "--plain", EDITOR="true", VISUAL="", answers=(
        "1\n" + "editor\n" + "\n\n\n" + "skip\n" + "1\n\n" + "editor\n"
        + "respect\n" + "editor\n" + "Knock first.\n" + "editor\n" + "\n"
        + "\n\n" + "editor\n" + "quit\n"))
    assert done.returncode == 0, done.stderr
    said = done.stdout.decode()
    assert said.count(t("plain.from_editor")) == 3  # question, CHIME, notes
    assert said.count(t("plain.one_line")) == 2  # action, why
    draft = Journal.open(journal_path).current_draft()
    assert draft is not None
    assert [(f.value_id, f.action) for f in draft.focus] == [("respekt", "Knock first.")]
    assert "editor" not in texts_kept(draft)


def test_only_an_empty_line_saves_at_the_last_question(journal_path: Path) -> None:
    """"no" at "Save the reflection now? An empty line saves" saved it all the same."""
    t = load_strings("en")
    skipped = "\n" * 9  # every question, CHIME, focus, method and the notes left empty
    done = piped("--lang", "en", "--plain", answers=f"1\n{skipped}no\nquit\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().count(t("plain.summary.save")) == 2  # asked again
    journal = Journal.open(journal_path)
    assert journal.latest() is None  # nothing completed
    assert journal.current_draft() is not None  # kept as a draft, as "quit" says
