"""The weekly check-in as a plain state machine: steps, answers and the 1–3 focus rule.

Screens render a ``CheckinFlow`` and turn keys into its method calls; everything a
check-in decides (which steps there are, which area to suggest, whether the focus
choice is acceptable) lives here, testable without a terminal. The focus choice is an
object of its own (``refleks.checkin.focus``); the pieces a check-in is made of are in
``refleks.checkin.parts``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from refleks.checkin.focus import FocusChoice
from refleks.checkin.parts import (
    MAX_FOCUS,
    METHOD_FOLLOW_UP_PREFIX,
    MOMENT_PARTS,
    OFFER_KINDS,
    FocusProblem,
    Prompt,
    Step,
    StepCursor,
    Suggestion,
    answer_text,
    store_answer,
    suggest_area,
    week_index,
)
from refleks.content.model import Area, ChimeElement, Content, Question
from refleks.content.names import shown_name
from refleks.journal.model import CheckIn, ChimeReflection, Focus, FollowUp
from refleks.journal.moments import Moment


class CheckinFlow(StepCursor[Step]):
    """One check-in in progress. Mutates ``checkin``; the caller saves it as a draft.

    The choice of focus values is an object of its own, ``focus``; the names the screens
    call (``toggle_focus``, ``set_action`` …) hand over to it.
    """

    def __init__(
        self,
        content: Content,
        checkin: CheckIn,
        previous: CheckIn | None = None,
        last_visits: Mapping[str, datetime] | None = None,
        moments: Sequence[Moment] = (),
    ) -> None:
        self.content = content
        self.checkin = checkin
        self.previous = previous
        self.last_visits = dict(last_visits or {})
        self.moments = list(moments)  # noted since the last check-in, oldest first
        self.revision = 0  # bumps on every change, so a screen knows to save
        self.focus = FocusChoice(content, checkin, previous, self._changed)
        self.steps: list[Step] = [
            s for s in Step
            if (s is not Step.FOLLOW_UP or self._has_follow_up)
            and (s is not Step.MOMENTS or self.moments)
        ]
        if self._has_follow_up and not checkin.follow_ups:
            self._start_follow_ups()
        self._name_in_language()
        self.index = 0

    def _name_in_language(self) -> None:
        """Last week's values and a resumed draft's, named as the content names them in
        the language in use (``content.names``): a check-in written in Norwegian is
        followed up in English as "Patience", and stored so, as it was shown. A value
        the content no longer has keeps the name it was chosen under."""
        named: list[Focus | FollowUp] = [*self.checkin.focus, *self.checkin.follow_ups]
        for item in named:
            item.value_name = shown_name(self.content, "value", item.value_id, item.value_name)

    # -- steps --------------------------------------------------------------------------

    @property
    def _has_follow_up(self) -> bool:
        return (bool(self.checkin.follow_ups) or self.method_follow_up() is not None
                or bool(self.previous and self.previous.focus))

    def next(self) -> bool:
        """Forward one step. Only the focus step can refuse (see ``focus_problem``)."""
        if self.step is Step.FOCUS and self.focus.problem() is not None:
            return False
        if self.step is Step.AREA and self.checkin.area_id is None:
            self.choose_area(self.suggested_area().id)
        if self.at_end:
            return False
        self.index += 1
        self._reach()
        return True

    def back(self) -> bool:
        """Back one step; the reflection needs an area, so without one it is passed by."""
        if self.at_start:
            return False
        self.index -= 1
        if self.step is Step.REFLECT and self.area is None:
            self.index -= 1
        return True

    def go_to(self, step: Step) -> None:
        if step in self.steps:
            self.index = self.steps.index(step)
            self._reach(quietly=True)  # a jump (resuming) is no news worth saving alone

    def _reach(self, *, quietly: bool = False) -> None:
        """Remember the furthest step seen, for resuming (a draft stores it)."""
        reached = self.checkin.reached
        if reached not in self.steps or self.steps.index(Step(reached)) < self.index:
            self.checkin.reached = self.step.value
            if not quietly:
                self._changed()

    def resume_position(self) -> int:
        """In the reflection: the last prompt answered, with the answer and the cursor
        after it. Not the one after it: a person interrupted mid-sentence (Esc, a closed
        terminal) came back to a blank question they had never seen, their words one
        step back, out of sight; ctrl+n is one key on from a finished answer."""
        answered = [i for i, p in enumerate(self.prompts()) if self.answer(p.id)]
        return answered[-1] if answered else 0

    def resume_step(self) -> Step:
        """Where a resumed draft picks up: the furthest step the practitioner has seen.

        Older drafts did not store it; for them, the furthest step with something
        written in it (a value kept in the follow-up is not a visit to the focus step).
        """
        c = self.checkin
        if c.reached in self.steps:
            return Step(c.reached)
        kept = {f.value_id for f in c.follow_ups if f.keep}
        if c.notes:
            return Step.SUMMARY
        if c.method_id:
            return Step.METHOD
        if any(f.value_id not in kept for f in c.focus):
            return Step.FOCUS
        if c.chime:
            return Step.CHIME
        if c.area_id:
            return Step.REFLECT
        if ((c.taken_further or any(a.kind == "moment" for a in c.answers))
                and Step.MOMENTS in self.steps):
            return Step.MOMENTS
        if any(f.text or f.keep for f in c.follow_ups):
            return Step.FOLLOW_UP
        return self.steps[0]

    def _changed(self) -> None:
        self.revision += 1

    # -- follow-up ----------------------------------------------------------------------

    def _start_follow_ups(self) -> None:
        assert self.previous is not None
        self.checkin.follow_ups = [
            FollowUp(f.value_id, f.value_name, f.action, from_uid=self.previous.uid)
            for f in self.previous.focus
        ]

    def set_follow_up(self, value_id: str, text: str) -> None:
        for follow_up in self.checkin.follow_ups:
            if follow_up.value_id == value_id and follow_up.text != text:
                follow_up.text = text
                self._changed()

    def method_follow_up(self) -> tuple[str, str] | None:
        """Last check-in's method of the week (id, title), to ask about.

        The title is the content's, in the language in use (``content.names``); the one
        stored then only for a method the content no longer has.
        """
        previous = self.previous
        method_id = previous.method_id if previous is not None else None
        title = previous.method_title if previous is not None else ""
        if not method_id:  # a draft that asked already, after the previous one changed
            method_id = next((a.question_id.removeprefix(METHOD_FOLLOW_UP_PREFIX)
                              for a in self.checkin.answers
                              if a.question_id.startswith(METHOD_FOLLOW_UP_PREFIX)), None)
            title = ""
        if not method_id:
            return None
        return method_id, shown_name(self.content, "method", method_id, title)

    def method_follow_up_answer(self) -> str:
        found = self.method_follow_up()
        return self.answer(METHOD_FOLLOW_UP_PREFIX + found[0]) if found else ""

    def set_method_follow_up(self, question_text: str, text: str) -> None:
        """How last week's method went, stored with the question as it was shown."""
        found = self.method_follow_up()
        if found is not None:
            self.set_answer(Prompt(METHOD_FOLLOW_UP_PREFIX + found[0], question_text, "",
                                   "method_follow_up"), text)

    def set_keep(self, value_id: str, keep: bool) -> None:
        """Keeping last week's value makes it a focus again, with the same action to start."""
        for follow_up in self.checkin.follow_ups:
            if follow_up.value_id == value_id and follow_up.keep != keep:
                follow_up.keep = keep
                self._changed()
                if keep and value_id not in self.checkin.focus_ids:
                    if len(self.checkin.focus) < MAX_FOCUS:
                        self.checkin.focus.append(
                            Focus(value_id, self.focus.value_name(value_id, follow_up.value_name),
                                  follow_up.action)
                        )
                elif not keep:
                    self.checkin.focus = [f for f in self.checkin.focus if f.value_id != value_id]

    # -- moments --------------------------------------------------------------------------

    @staticmethod
    def moment_answer_id(moment: Moment, part: str) -> str:
        return f"moment.{moment.uid}.{part}"

    def moment_answer(self, moment: Moment, part: str) -> str:
        return self.answer(self.moment_answer_id(moment, part))

    def is_taken_further(self, moment: Moment) -> bool:
        return (moment.uid in self.checkin.taken_further
                or any(self.moment_answer(moment, part) for part in MOMENT_PARTS))

    def take_further(self, moment: Moment, taken: bool) -> None:
        """Tick or untick "take this further". The tick is kept in the draft
        (``CheckIn.taken_further``, a draft's only), so a moment ticked before a word
        is written comes back ticked after a closed terminal; unticking only hides the
        questions, and what was written about it stays."""
        ticked = self.checkin.taken_further
        if taken and moment.uid not in ticked:
            ticked.append(moment.uid)
            self._changed()
        elif not taken and moment.uid in ticked:
            ticked.remove(moment.uid)
            self._changed()

    def set_moment_answer(self, moment: Moment, part: str, text: str,
                          question_text: str) -> None:
        """A reflection on a moment, stored like any answer: ``question_text`` holds
        the moment's text and the question as shown, so the check-in reads the same
        after the moment itself is deleted."""
        if part not in MOMENT_PARTS:
            raise KeyError(part)
        self.set_answer(Prompt(self.moment_answer_id(moment, part), question_text, "",
                               "moment"), text)

    # -- area and reflection --------------------------------------------------------------

    def suggested_area(self) -> Area:
        return suggest_area(self.content, self.last_visits)

    def suggestion(self) -> Suggestion:
        """Which label the suggested area may truthfully carry."""
        if not self.last_visits:
            return Suggestion.FIRST
        if self.suggested_area().id not in self.last_visits:
            return Suggestion.NEVER
        return Suggestion.OLDEST

    @property
    def week(self) -> int:
        return week_index(self.checkin.started_at)

    @property
    def area(self) -> Area | None:
        return self.content.area(self.checkin.area_id) if self.checkin.area_id else None

    def choose_area(self, area_id: str) -> None:
        area = self.content.area(area_id)
        if area is None:
            raise KeyError(area_id)
        if self.checkin.area_id != area_id:
            self.checkin.area_id = area.id
            self.checkin.area_title = area.title
            self._changed()

    def prompts(self) -> list[Prompt]:
        """The chosen area's questions, then its everyday examples and dilemmas as extras."""
        area = self.area
        if area is None:
            return []
        prompts = [Prompt(q.id, q.text, q.hint, "reflect", q.source or area.source,
                          q.adapted_from, q.hint_source or q.source or area.source)
                   for q in area.questions]
        offer = self.offer()
        if offer is not None:
            prompts.append(offer)
        if area.examples:
            intro = area.examples_intro
            prompts += [Prompt(e.id, e.text, intro, "example", e.source or area.source,
                               hint_source=area.source) for e in area.examples]
        prompts += [Prompt(d.id, d.text, d.title, "dilemma", d.source or area.source,
                           hint_source=d.source or area.source, follow_up=d.follow_up,
                           follow_up_source=d.follow_up_source or d.source or area.source)
                    for d in area.dilemmas]
        return prompts

    def offers(self) -> list[Prompt]:
        """Every practice question, reflection card and dialogue question, in content order."""
        return [
            Prompt(item.id, item.text, item.title, "prompt", item.source or c.source,
                   hint_source=item.title_source or item.source or c.source, group=c.title)
            for c in self.content.collections if c.kind in OFFER_KINDS for item in c.items
        ]

    def offer(self) -> Prompt | None:
        """This week's optional extra after the area's own questions.

        One item a week, in turn, so a practitioner meets them all over a season; a draft
        that already answered one keeps it, whatever the week.
        """
        offers = self.offers()
        if not offers:
            return None
        answered = {a.question_id for a in self.checkin.answers if a.kind == "prompt"}
        kept = next((p for p in offers if p.id in answered), None)
        return kept or offers[self.week % len(offers)]

    def answer(self, prompt_id: str) -> str:
        return answer_text(self.checkin, prompt_id)

    def set_answer(self, prompt: Prompt, text: str) -> None:
        """Store the answer with the text as shown; an emptied answer is removed. One
        written again goes back to its question's place (``answer_order``)."""
        if store_answer(self.checkin, prompt, text, self.answer_order()):
            self._changed()

    def answer_order(self) -> list[str]:
        """The ids answers are kept in, as the check-in asks them: each moment's
        questions, then the area's prompts (``prompts``)."""
        return [*(self.moment_answer_id(m, part) for m in self.moments for part in MOMENT_PARTS),
                *(p.id for p in self.prompts())]

    # -- CHIME ----------------------------------------------------------------------------

    def chime_reflection(self) -> ChimeReflection | None:
        return self.checkin.chime[0] if self.checkin.chime else None

    def choose_chime(self, element_id: str, mode: str = "present",
                     question: str | None = None) -> ChimeElement:
        """Choose the element; ``question`` is the prompt as shown (the element's own
        question unless the screen asked something else, e.g. about what was missing)."""
        element = self.content.chime_element(element_id)
        if element is None:
            raise KeyError(element_id)
        if question is None:
            asked = self.chime_question(element)
            question = asked.text if asked else element.description
        current = self.chime_reflection()
        text = current.text if current else ""
        reflection = ChimeReflection(element.id, element.name, mode, question, text)  # type: ignore[arg-type]
        if current != reflection:
            self.checkin.chime = [reflection]
            self._changed()
        return element

    def chime_question(self, element: ChimeElement) -> Question | None:
        """The element's question this week: they take turns, week by week.

        A draft keeps the question it was answering, so a resumed draft reads the same.
        """
        if not element.questions:
            return None
        current = self.chime_reflection()
        if current is not None and current.element_id == element.id:
            same = [q for q in element.questions if q.text == current.question_text]
            if same:
                return same[0]
        return element.questions[self.week % len(element.questions)]

    def set_chime_text(self, text: str) -> None:
        current = self.chime_reflection()
        if current is not None and current.text != text:
            current.text = text
            self._changed()

    # -- focus: ``self.focus`` decides; the names the screens call ------------------------

    def is_focus(self, value_id: str) -> bool:
        return self.focus.is_chosen(value_id)

    def toggle_focus(self, value_id: str) -> FocusProblem | None:
        return self.focus.toggle(value_id)

    def set_action(self, value_id: str, action: str) -> None:
        self.focus.set_action(value_id, action)

    def why(self, value_id: str) -> str:
        return self.focus.why(value_id)

    def set_why(self, value_id: str, question_text: str, text: str) -> None:
        self.focus.set_why(value_id, question_text, text)

    def carry_forward_ids(self) -> list[str]:
        return self.focus.carry_forward_ids()

    def carry_forward(self) -> None:
        self.focus.carry_forward()

    def focus_problem(self) -> FocusProblem | None:
        return self.focus.problem()

    # -- method and notes -----------------------------------------------------------------

    def choose_method(self, method_id: str | None) -> None:
        if method_id is None:
            title = ""
        else:
            method = self.content.method(method_id)
            if method is None:
                raise KeyError(method_id)
            title = method.title
        if self.checkin.method_id != method_id:
            self.checkin.method_id = method_id
            self.checkin.method_title = title
            self._changed()

    def set_notes(self, text: str) -> None:
        if self.checkin.notes != text:
            self.checkin.notes = text
            self._changed()

    def can_complete(self) -> FocusProblem | None:
        return self.focus.problem()
