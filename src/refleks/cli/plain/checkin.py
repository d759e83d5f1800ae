"""The weekly check-in as a plain dialogue: the app's steps, in its order, as lines.

The same ``CheckinFlow`` the app's screen drives decides everything here too (which
steps there are, the suggested area, the prompts and their sources, the focus rule,
the guard's passages); this module only writes each step out and reads the answers.
The draft is the app's draft: the same journal record, saved after every answer, so a
check-in begun here can be finished in the app and the reverse.

Each step is a list of questions (``Ask``). "back" goes to the question before, across
steps; a question that does not apply (a moment not taken further) is passed by in
either direction.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from refleks.checkin import MOMENT_PARTS, CheckinFlow, Prompt, Step
from refleks.cli.plain.guard import ask_about_findings
from refleks.cli.plain.lines import Back, Leave, Lines, SkipRest
from refleks.content.credit import REFLEKS, chime_label, credit
from refleks.errors import RefleksError, message
from refleks.journal.errors import ConflictError
from refleks.journal.model import CheckIn, new_uid
from refleks.journal.records import MAX_TEXT
from refleks.safe_text import visible

if TYPE_CHECKING:
    from refleks.content.model import Value
    from refleks.environment import Environment
    from refleks.journal.moments import Moment


@dataclass(frozen=True)
class Ask:
    """One question of a step: ``run`` asks it; ``applies`` says whether it is asked."""

    run: Callable[[], None]
    applies: Callable[[], bool] = lambda: True


class PlainCheckin:
    """One check-in at the prompt, from the draft (if any) to saved or left."""

    def __init__(self, env: Environment, lines: Lines) -> None:
        self.env = env
        self.t = env.t
        self.lines = lines
        journal = env.journal
        self.journal = journal
        draft = journal.current_draft()
        previous = journal.latest()
        checkin = draft if draft is not None else CheckIn(
            lang=env.lang, started_at=datetime.now().astimezone())
        moments = journal.moments.since(previous.completed_at if previous else None)
        self.flow = CheckinFlow(env.content, checkin, previous,
                                journal.last_visit_per_area(), moments)
        self.draft = draft
        self.position = 0  # which prompt of the reflection to start at
        if draft is not None:
            self.flow.go_to(self.flow.resume_step())
            if self.flow.step is Step.REFLECT:
                self.position = self.flow.resume_position()
        self.saved_revision = self.flow.revision if draft is not None else 0

    # -- the walk -----------------------------------------------------------------------

    def run(self) -> int:
        t, say = self.t, self.lines.say
        if not self.env.settings.welcomed:
            self.welcome()
        say(t("checkin.title"), "", t("plain.intro"), t("plain.how"))
        stand_in = self.env.stand_in_to_say()
        if stand_in is not None:  # once on this computer, as the app says it
            say(t(f"app.stand_in_{stand_in[0]}"))
            self.env.stand_in_said(stand_in[0])
        if self.draft is not None:
            from refleks.dates import format_datetime

            say(t("plain.resumed", date=format_datetime(self.draft.started_at, t)))
        from_end = False
        try:
            while True:
                try:
                    self.heading()
                    if self.flow.step is Step.SUMMARY:
                        if self.summary():
                            return 0
                        from_end = False  # rewrite: the flow is at the step to rewrite
                        continue
                    start = self.position if self.flow.step is Step.REFLECT else 0
                    self.walk(self.asks(), from_end=from_end, start=start)
                except Back:
                    self.save()
                    if not self.flow.back():
                        say(t("plain.first_question"))
                        from_end = False
                        continue
                    from_end = True
                    continue
                except SkipRest:
                    pass
                self.save()
                self.flow.next()
                self.position, from_end = 0, False
        except Leave:
            return self.leave()
        except KeyboardInterrupt:
            self.save()  # what was given is kept; ctrl+c still ends as ctrl+c does
            raise

    def welcome(self) -> None:
        """The app's first greeting, once, as lines: what refleks is, what is true of
        this journal's privacy, and the duty of confidentiality (the app's keys, which
        the greeting ends with there, are the line commands here, said next)."""
        from refleks.journal.privacy import privacy_words
        from refleks.settings import updated

        t, lines = self.t, self.lines
        lines.say(t("welcome.title"), "")
        for paragraph in (t("welcome.what"), t("welcome.not_a_test"),
                          *privacy_words(t, self.env.journal_path), t("welcome.confidential")):
            lines.data(paragraph)
            lines.blank()
        # not remembered (a config that cannot be written): said again next time
        with contextlib.suppress(OSError, RefleksError):
            self.env.save_settings(updated(self.env.settings, welcomed=True))

    def heading(self) -> None:
        flow, t = self.flow, self.t
        progress = t("checkin.progress", number=flow.step_number, total=flow.step_count)
        self.lines.say("", t("plain.step", progress=progress,
                             name=t(f"checkin.steps.{flow.step.value}")))

    def walk(self, asks: list[Ask], *, from_end: bool, start: int = 0) -> None:
        """Ask ``asks`` in turn from ``start`` (or the last, coming back); ``Back`` from
        the first goes on to the step before. Each answer is saved as it is given."""
        index, direction = (len(asks) - 1, -1) if from_end else (min(start, len(asks) - 1), 1)
        while 0 <= index < len(asks):
            ask = asks[index]
            if not ask.applies():
                index += direction
                continue
            try:
                ask.run()
            except Back:
                self.save()
                index, direction = index - 1, -1
                continue
            self.save()
            index, direction = index + 1, 1
        if index < 0:
            raise Back

    def asks(self) -> list[Ask]:
        step = self.flow.step
        if step is Step.FOLLOW_UP:
            return self.follow_up()
        if step is Step.MOMENTS:
            return self.moments()
        if step is Step.AREA:
            return [Ask(self.area)]
        if step is Step.REFLECT:
            return self.reflect()
        if step is Step.CHIME:
            return [Ask(self.chime)]
        if step is Step.FOCUS:
            return [Ask(self.focus)]
        return [Ask(self.method)]

    def text(self, current: str, hint: str = "", *, skip: bool = False) -> str | None:
        """An answer, with what was written before shown first: ``None`` keeps it."""
        lines, t = self.lines, self.t
        if hint:
            lines.say(hint)
        if current.strip():
            lines.say(t("plain.so_far"))
            lines.data(current, "  ")
        while True:
            answer = lines.ask_text(skip=skip, current=current)
            if answer is None or len(answer) <= MAX_TEXT:
                return answer
            lines.say(t("checkin.too_long", limit=f"{MAX_TEXT:,}"))

    # -- follow-up and moments ----------------------------------------------------------

    def follow_up(self) -> list[Ask]:
        flow, t, lines = self.flow, self.t, self.lines
        asks: list[Ask] = []

        def intro() -> None:
            lines.say(t("checkin.follow_up.title"))
            if flow.checkin.follow_ups:
                lines.say(t("checkin.follow_up.intro"))

        for index, follow_up in enumerate(flow.checkin.follow_ups):
            value_id = follow_up.value_id

            def written(value_id: str = value_id, index: int = index) -> None:
                item = flow.checkin.follow_ups[index]
                if index == 0:
                    intro()
                lines.blank()
                lines.say(t("plain.follow_up.value", value=visible(item.value_name),
                            action=visible(item.action or t("checkin.follow_up.no_action"))))
                answer = self.text(item.text, t("checkin.follow_up.placeholder"))
                if answer is not None:
                    flow.set_follow_up(value_id, answer)

            def keep(value_id: str = value_id, index: int = index) -> None:
                item = flow.checkin.follow_ups[index]
                flow.set_keep(value_id, lines.ask_yes_no(t("checkin.follow_up.keep"),
                                                         item.keep))

            asks += [Ask(written), Ask(keep)]
        method = flow.method_follow_up()
        if method is not None:
            question = t("checkin.follow_up.method", method=method[1])

            def method_went() -> None:
                if not flow.checkin.follow_ups:
                    intro()
                lines.blank()
                lines.say(visible(question))
                answer = self.text(flow.method_follow_up_answer(),
                                   t("checkin.follow_up.method_placeholder"))
                if answer is not None:
                    flow.set_method_follow_up(question, answer)

            asks.append(Ask(method_went))
        return asks or [Ask(intro)]

    def moments(self) -> list[Ask]:
        flow, t, lines = self.flow, self.t, self.lines
        asks: list[Ask] = []
        for index, moment in enumerate(flow.moments):
            def take(moment: Moment = moment, index: int = index) -> None:
                from refleks.dates import format_datetime
                from refleks.journal.moments_text import tags_line

                if index == 0:
                    lines.say(t("moments.step.title"), t("moments.step.intro"))
                when = format_datetime(moment.created_at, t)
                tags = tags_line(moment, t, flow.content)
                lines.blank()
                lines.data(when + (f" · {tags}" if tags else ""))
                lines.data(moment.text, "  ")
                taken = lines.ask_yes_no(t("plain.moments.take"),
                                         flow.is_taken_further(moment))
                flow.take_further(moment, taken)  # kept in the draft, as the app's tick

            asks.append(Ask(take))
            for part in MOMENT_PARTS:
                def write(moment: Moment = moment, part: str = part) -> None:
                    question = t(f"moments.step.{part}")
                    lines.say(question)
                    answer = self.text(flow.moment_answer(moment, part))
                    if answer is not None:
                        shown = t("moments.step.question", question=question,
                                  moment=" ".join(moment.text.split()))
                        flow.set_moment_answer(moment, part, answer, shown)

                asks.append(Ask(write, lambda moment=moment: (  # type: ignore[misc]
                    flow.is_taken_further(moment))))
        return asks

    # -- area and reflection ------------------------------------------------------------

    def area(self) -> None:
        flow, t, lines = self.flow, self.t, self.lines
        content = flow.content
        lines.say(t("checkin.area.title"), t("plain.area.intro"), "")
        suggested = flow.suggested_area()
        for area in content.areas:
            label = f"{area.number}. {visible(area.title)}"
            if area.id == suggested.id:
                label += f" ({t(f'checkin.area.{flow.suggestion().value}')})"
            if area.id == flow.checkin.area_id:
                label += f" {t('plain.area.chosen')}"
            lines.say(label)
        default = content.area(flow.checkin.area_id or "") or suggested
        while True:
            typed = lines.ask_line(t("plain.area.ask", number=default.number) + " ")
            chosen = default.id if not typed else self.pick(
                typed, [(str(a.number), a.title, a.id) for a in content.areas])
            if chosen is not None:
                break
        flow.choose_area(chosen)
        shown = flow.area
        assert shown is not None
        lines.blank()
        lines.data(shown.title)
        lines.data(shown.intro)
        lines.blank()
        lines.say(t("checkin.area.values_heading"))
        for value in shown.values:
            mark = "◆" if value.pillar else "•"
            lines.data(f"{mark} {value.name} — {value.meaning}")
        if any(v.pillar for v in shown.values):
            lines.say(t("checkin.area.pillars"))

    def pick(self, typed: str, choices: list[tuple[str, str, str]]) -> str | None:
        """A choice by its number or its name (or the start of it); None, said why."""
        key = " ".join(typed.split()).casefold()
        found = [i for n, name, i in choices if key == n or key == name.casefold()]
        if not found:
            found = [i for _, name, i in choices if name.casefold().startswith(key)]
        if len(found) == 1:
            return found[0]
        self.lines.say(self.t("plain.not_a_choice", typed=visible(typed)))
        return None

    def reflect(self) -> list[Ask]:
        prompts = self.flow.prompts()
        return [Ask(lambda index=index: self.prompt(prompts, index))  # type: ignore[misc]
                for index in range(len(prompts))]

    def prompt(self, prompts: list[Prompt], index: int) -> None:
        flow, t, lines = self.flow, self.t, self.lines
        prompt = prompts[index]
        questions = [p for p in prompts if p.kind == "reflect"]
        area = flow.area
        assert area is not None
        lines.blank()
        if prompt.kind == "reflect":
            lines.say(t("checkin.reflect.counter", number=index + 1, total=len(questions)))
        elif prompt.kind == "prompt":
            lines.say(t("checkin.reflect.extra_prompt", group=visible(prompt.group)))
        else:
            lines.say(t(f"checkin.reflect.extra_{prompt.kind}"))
        if prompt.kind == "dilemma":
            lines.data(prompt.hint)
            lines.data(prompt.text)
        else:
            if prompt.kind in ("example", "prompt") and prompt.hint:
                lines.data(prompt.hint)
            lines.data(prompt.text)
            if prompt.kind == "reflect" and prompt.hint:
                lines.data(prompt.hint)
        lines.data(self.credits(prompt))
        extras = len(prompts) - len(questions)
        if prompt.kind == "reflect" and index == len(questions) - 1 and extras:
            lines.say(t.count("plain.reflect.extras_offer", extras))
        answer = self.text(flow.answer(prompt.id), t("plain.reflect.placeholder"),
                           skip=prompt.kind != "reflect")
        if answer is not None:
            flow.set_answer(prompt, answer)

    def credits(self, prompt: Prompt) -> str:
        """Who wrote the question, and its hint when another (as the app's page says)."""
        content, t = self.flow.content, self.t
        said = credit(content, t, prompt.source, prompt.adapted_from)
        hint_by = credit(content, t, prompt.hint_source) if prompt.hint_source else said
        return said if not prompt.hint or hint_by == said else f"{said} · {hint_by}"

    # -- CHIME, focus, method -----------------------------------------------------------

    def chime(self) -> None:
        flow, t, lines = self.flow, self.t, self.lines
        content = flow.content
        lines.say(t("checkin.chime.title"), t("checkin.chime.intro"), "")
        for number, listed in enumerate(content.chime, 1):
            lines.data(f"{number}. {chime_label(listed)}")
        current = flow.chime_reflection()
        known = current is not None and content.chime_element(current.element_id) is not None
        while True:
            if current is not None and known:
                ask = t("plain.chime.ask", current=visible(current.element_name))
            else:
                ask = t("plain.chime.ask_none")
            typed = lines.ask_line(ask + " ")
            if not typed:
                if current is None or not known:
                    return  # no element this week, as in the app
                element_id = current.element_id
                break
            chosen = self.pick(typed, [(str(n), e.name, e.id) for n, e in
                                       enumerate(content.chime, 1)]
                               + [("", e.model_name, e.id) for e in content.chime])
            if chosen is not None:
                element_id = chosen
                break
        element = content.chime_element(element_id)
        assert element is not None
        modes = {"1": "present", "2": "missing"}
        mode: str = current.mode if current is not None else "present"
        while True:
            typed = lines.ask_line(t("plain.chime.mode", current=t(f"checkin.chime.{mode}"))
                                   + " ")
            if not typed:
                break
            names = {t("checkin.chime.present").casefold(): "present",
                     t("checkin.chime.missing").casefold(): "missing"}
            if typed in modes or typed.casefold() in names:
                mode = modes.get(typed) or names[typed.casefold()]
                break
            lines.say(t("plain.not_a_choice", typed=visible(typed)))
        if mode == "missing":
            question = t("checkin.chime.missing_question", element=element.name.lower())
            by = credit(content, t, REFLEKS)
        else:
            asked = flow.chime_question(element)
            question = asked.text if asked else element.description
            by = (credit(content, t, asked.source or element.source, asked.adapted_from)
                  if asked else credit(content, t, REFLEKS))
        flow.choose_chime(element.id, mode, question)
        lines.blank()
        lines.data(element.description)
        lines.data(credit(content, t, element.description_source or element.source))
        for need in element.needs:
            lines.data(f"  • {need}")
        lines.data(credit(content, t, element.needs_source or element.source))
        lines.blank()
        lines.data(question)
        lines.data(by)
        reflection = flow.chime_reflection()
        answer = self.text(reflection.text if reflection else "",
                           t("checkin.chime.placeholder"))
        if answer is not None:
            flow.set_chime_text(answer)

    def focus(self) -> None:
        flow, t, lines = self.flow, self.t, self.lines
        content = flow.content
        lines.say(t("checkin.focus.title"), t("plain.focus.intro"), "", t("plain.focus.values"))
        for area in content.areas:
            lines.data(f"{area.title}: " + ", ".join(v.name for v in area.values))
        carry = flow.carry_forward_ids()
        if carry and not flow.checkin.focus:
            names = ", ".join(flow.focus.value_name(i) for i in carry)
            lines.blank()
            if lines.ask_yes_no(visible(t("checkin.focus.carry", values=names)), False):
                flow.carry_forward()
                self.save()
        while True:
            lines.blank()
            self.show_focus()
            typed = lines.ask_line(t("plain.focus.ask") + " ")
            if not typed:
                return
            value = self.value_named(typed)
            if value is None:
                continue
            if flow.is_focus(value.id):
                self.change_focus(value)
                continue
            problem = flow.toggle_focus(value.id)
            if problem is not None:
                lines.say(t(f"checkin.focus.{problem.value}"))
                continue
            self.save()
            name = flow.focus.value_name(value.id, value.name)
            lines.data(f"{name} — {t('checkin.focus.action')}")
            try:
                action = lines.ask_short(t("checkin.focus.action_placeholder") + ": ")
            except Back:
                flow.toggle_focus(value.id)  # back: as if the name had not been typed
                self.save()
                continue
            if action is not None:
                flow.set_action(value.id, action)
                self.save()
            self.ask_why(value.id, name)

    def show_focus(self) -> None:
        flow, t = self.flow, self.t
        chosen = flow.checkin.focus
        self.lines.say(t("checkin.focus.count", count=len(chosen)))
        for f in chosen:
            self.lines.data(f"  {f.value_name} — {f.action or t('checkin.follow_up.no_action')}")

    def change_focus(self, value: Value) -> None:
        flow, t, lines = self.flow, self.t, self.lines
        focus = next(f for f in flow.checkin.focus if f.value_id == value.id)
        lines.data(t("plain.focus.change", value=focus.value_name,
                     action=focus.action or t("checkin.follow_up.no_action"),
                     remove=lines.words["remove"]))
        try:
            action = lines.ask_short("> ", remove=True)
        except Back:
            return
        if action == lines.words["remove"]:
            flow.toggle_focus(value.id)
            lines.data(t("plain.focus.removed", value=focus.value_name))
            self.save()
            return
        if action:
            flow.set_action(value.id, action)
            self.save()
        self.ask_why(value.id, focus.value_name)

    def ask_why(self, value_id: str, name: str) -> None:
        flow, t, lines = self.flow, self.t, self.lines
        if flow.why(value_id):
            lines.say(t("plain.so_far"))
            lines.data(flow.why(value_id), "  ")
        try:
            why = lines.ask_short(t("checkin.focus.why_placeholder") + ": ")
        except Back:
            return
        if why:
            flow.set_why(value_id, f"{name} — {t('checkin.focus.why')}", why)
            self.save()

    def value_named(self, typed: str) -> Value | None:
        """The value whose name is ``typed``, or starts so, or holds it; or the reason
        there is none (none matches, or more than one)."""
        t = self.t
        values = [v for area in self.flow.content.areas for v in area.values]
        key = " ".join(typed.split()).casefold()
        for test in (lambda n: n == key, lambda n: n.startswith(key), lambda n: key in n):
            found = [v for v in values if test(v.name.casefold()) or v.id.casefold() == key]
            if len(found) == 1:
                return found[0]
            if found:
                self.lines.data(t("plain.focus.several", typed=typed,
                                  names=", ".join(v.name for v in found)))
                return None
        self.lines.data(t("plain.focus.no_match", typed=typed))
        return None

    def method(self) -> None:
        flow, t, lines = self.flow, self.t, self.lines
        content = flow.content
        lines.say(t("checkin.method.title"), t("plain.method.intro"), "")
        lines.say(f"0. {t('checkin.method.none')}")
        for listed in content.methods:
            mark = f" {t('plain.area.chosen')}" if listed.id == flow.checkin.method_id else ""
            lines.data(f"{listed.number}. {listed.title}{mark}")
        chosen_method = content.method(flow.checkin.method_id or "")
        current = chosen_method.title if chosen_method else t("checkin.method.none")
        choices = [("0", t("checkin.method.none"), "")]
        choices += [(str(m.number), m.title, m.id) for m in content.methods]
        while True:
            typed = lines.ask_line(t("plain.method.ask", current=visible(current)) + " ")
            if not typed:
                method_id = flow.checkin.method_id
                break
            picked = self.pick(typed, choices)
            if picked is not None:
                method_id = picked or None
                break
        flow.choose_method(method_id)
        method = content.method(method_id or "")
        lines.blank()
        if method is None:
            lines.say(t("checkin.method.none_about"))
            return
        lines.data(method.prompt)
        lines.data(credit(content, t, method.prompt_by))
        lines.blank()
        lines.data(method.summary)
        for point in method.points:
            lines.data(f"• {point.title}: {point.text}")
        lines.data(credit(content, t, method.source))

    # -- summary, guard, saving ---------------------------------------------------------

    def summary(self) -> bool:
        """The page, the notes and saving; True once saved, False after "rewrite" (the
        flow is then at the step to rewrite). ``Back`` from the notes goes to the method,
        from the question to save back to the notes."""
        from refleks.journal.markdown import render_markdown

        flow, t, lines = self.flow, self.t, self.lines
        while True:
            lines.say(t("checkin.summary.title"), t("plain.summary.intro"), "")
            page = "".join(render_markdown([flow.checkin], t, self.env.lang, title=False))
            lines.data(as_plain_lines(page).strip())
            lines.blank()
            lines.say(t("checkin.summary.notes"))
            notes = self.text(flow.checkin.notes, t("checkin.summary.notes_placeholder"))
            if notes is not None:
                flow.set_notes(notes)
                self.save()
            try:
                # Only an empty line saves, as the question says: "no" or a stray word
                # saved the check-in. Anything else asks again.
                while lines.ask_line(t("plain.summary.save") + " "):
                    pass
            except Back:
                continue
            problem = flow.can_complete()
            if problem is not None:
                lines.say(t(f"checkin.focus.{problem.value}"))
                continue
            if self.guarded():
                return self.complete()
            return False

    def guarded(self) -> bool:
        """Whether to save: nothing found, or "keep as written"; after "rewrite" the
        flow is at the step where the first finding was written."""
        back = ask_about_findings(self.flow, self.lines, self.t)
        if back is None:
            return True
        step, position = back
        self.flow.go_to(step)
        self.position = position
        return False

    def complete(self) -> bool:
        t = self.t
        try:
            self.journal.complete(self.flow.checkin)
        except RefleksError as exc:
            self.lines.say(f"{t('checkin.save_failed')}: {visible(message(exc, t))}")
            raise Leave from exc
        self.lines.blank()
        self.lines.say(t("checkin.saved"))
        self.lines.say(t("overtime.plain_offer"))  # the app shows Over time; here, a command
        return True

    def save(self) -> None:
        """The draft, if anything changed since it was last written (as the app's)."""
        flow = self.flow
        if flow.revision == self.saved_revision or not flow.checkin.is_draft:
            return
        try:
            self.journal.save(flow.checkin, wait=2.0)
        except ConflictError:
            # Saved meanwhile in another refleks window: keep both, lose nothing.
            flow.checkin.uid = new_uid()
            flow.checkin.id = None
            flow.checkin.saved_revision = None
            self.lines.say(self.t("checkin.conflict"))
            self.save()
            return
        except RefleksError as exc:
            self.lines.say(self.t("plain.not_saved", problem=visible(message(exc, self.t))))
            return
        self.saved_revision = flow.revision

    def leave(self) -> int:
        self.save()
        wrote = self.flow.revision != 0 or self.draft is not None
        self.lines.say(self.t("plain.left" if wrote else "plain.left_nothing"))
        return 0


_HEADING = re.compile(r"^#+ ")
_EMPHASIS = re.compile(r"\*\*(.+?)\*\*|(?<![\\\w])\*(?!\s)(.+?)(?<![\s\\])\*(?!\w)")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|<~])")


def as_plain_lines(markdown: str) -> str:
    """The summary page (the export's Markdown, as the app shows it) as plain lines:
    no heading marks, emphasis marks, hard-break backslashes or escapes for a screen
    reader to read out."""
    out = []
    for line in markdown.split("\n"):
        line = _HEADING.sub("", line.removesuffix("\\"))
        line = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), line)
        out.append(_ESCAPED.sub(r"\1", line))
    return "\n".join(out)
