"""The stored format of a check-in and a moment, pinned to the byte.

The encoders are derived from one declaration of the fields (``codec.CHECKIN``); the
texts below were captured from the hand-written encoders they replaced, so a change to
the declaration that changes a key, its order or its layout fails here. A journal
written by an older refleks reads back to the same check-in.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import orjson
import pytest

from refleks.journal import codec
from refleks.journal.errors import ImportFormatError
from refleks.journal.model import Answer, CheckIn, ChimeReflection, Focus, FollowUp, LaterNote
from refleks.journal.moments import Moment, MomentValue
from refleks.journal.moments import from_dict as moment_from_dict
from refleks.journal.moments import to_dict as moment_to_dict

OSLO = timezone(timedelta(hours=1))


def rich(status: str = "complete") -> CheckIn:
    """A check-in with every field set, texts that need escaping, and a None beside a value."""
    return CheckIn(
        uid="0f1e2d3c4b5a69788796a5b4c3d2e1f0", id=7,
        started_at=datetime(2026, 11, 30, 9, 12, 5, tzinfo=OSLO),
        updated_at=datetime(2026, 11, 30, 9, 40, 0, 123456, tzinfo=OSLO),
        completed_at=(datetime(2026, 11, 30, 9, 41, tzinfo=OSLO)
                      if status == "complete" else None),
        status=status,  # type: ignore[arg-type]
        lang="nb", area_id="etikk", area_title="Etiske verdier «i praksis»",
        answers=[Answer("etikk.q1", "Hvor mye rom gir jeg?",
                        'Et svar\nmed to linjer og "sitat"'),
                 Answer("prompt.3", "Hva hjalp?", "Å lytte", "prompt")],
        chime=[ChimeReflection("chime.hope", "Håp", "missing", "Hva manglet?", "Tålmodighet")],
        focus=[Focus("tillit", "Tillit", "Holde avtaler"), Focus("naervaer", "Nærvær")],
        follow_ups=[FollowUp("respekt", "Respekt", "Spørre først", "Gikk bra", True, "abc123"),
                    FollowUp("ansvar", "Ansvar", "", "", False, None)],
        method_id="method.3", method_title="Bygg relasjonen før planen",
        notes="privat notat \\ og tab\t",
        later_notes=[LaterNote(datetime(2026, 12, 2, 18, 0, tzinfo=UTC), "Senere: 😊")],
        reached="summary", taken_further=["m1", "m2"], saved_revision=4)


COMPLETE_BODY = (
    '{"answers": [{"question_id": "etikk.q1", '
    '"question_text": "Hvor mye rom gir jeg?", "kind": "reflect", '
    '"text": "Et svar\\nmed to linjer og \\"sitat\\""}, {"question_id": "prompt.3", '
    '"question_text": "Hva hjalp?", "kind": "prompt", "text": "Å lytte"}], '
    '"chime": [{"element_id": "chime.hope", "element_name": "Håp", "mode": "missing", '
    '"question_text": "Hva manglet?", "text": "Tålmodighet"}], '
    '"focus": [{"value_id": "tillit", "value_name": "Tillit", '
    '"action": "Holde avtaler"}, {"value_id": "naervaer", "value_name": "Nærvær", '
    '"action": ""}], "follow_ups": [{"value_id": "respekt", "value_name": "Respekt", '
    '"action": "Spørre først", "text": "Gikk bra", "keep": true, '
    '"from_uid": "abc123"}, {"value_id": "ansvar", "value_name": "Ansvar", '
    '"action": "", "text": "", "keep": false, "from_uid": null}], '
    '"notes": "privat notat \\\\ og tab\\t", '
    '"later_notes": [{"created_at": "2026-12-02T18:00:00+00:00", "text": "Senere: 😊"}]}'
)

COMPLETE_OBJECT = (
    '{"uid": "0f1e2d3c4b5a69788796a5b4c3d2e1f0", "status": "complete", "lang": "nb", '
    '"started_at": "2026-11-30T09:12:05+01:00", '
    '"updated_at": "2026-11-30T09:40:00.123456+01:00", '
    '"completed_at": "2026-11-30T09:41:00+01:00", "area_id": "etikk", '
    '"area_title": "Etiske verdier «i praksis»", "method_id": "method.3", '
    '"method_title": "Bygg relasjonen før planen", '
    '"answers": [{"question_id": "etikk.q1", "question_text": "Hvor mye rom gir jeg?", '
    '"kind": "reflect", "text": "Et svar\\nmed to linjer og \\"sitat\\""}, '
    '{"question_id": "prompt.3", "question_text": "Hva hjalp?", "kind": "prompt", '
    '"text": "Å lytte"}], "chime": [{"element_id": "chime.hope", '
    '"element_name": "Håp", "mode": "missing", "question_text": "Hva manglet?", '
    '"text": "Tålmodighet"}], "focus": [{"value_id": "tillit", "value_name": "Tillit", '
    '"action": "Holde avtaler"}, {"value_id": "naervaer", "value_name": "Nærvær", '
    '"action": ""}], "follow_ups": [{"value_id": "respekt", "value_name": "Respekt", '
    '"action": "Spørre først", "text": "Gikk bra", "keep": true, '
    '"from_uid": "abc123"}, {"value_id": "ansvar", "value_name": "Ansvar", '
    '"action": "", "text": "", "keep": false, "from_uid": null}], '
    '"notes": "privat notat \\\\ og tab\\t", '
    '"later_notes": [{"created_at": "2026-12-02T18:00:00+00:00", "text": "Senere: 😊"}]}'
)

DRAFT_OBJECT = (
    '{"uid": "0f1e2d3c4b5a69788796a5b4c3d2e1f0", "status": "draft", "lang": "nb", '
    '"started_at": "2026-11-30T09:12:05+01:00", '
    '"updated_at": "2026-11-30T09:40:00.123456+01:00", "completed_at": null, '
    '"area_id": "etikk", "area_title": "Etiske verdier «i praksis»", '
    '"method_id": "method.3", "method_title": "Bygg relasjonen før planen", '
    '"answers": [{"question_id": "etikk.q1", "question_text": "Hvor mye rom gir jeg?", '
    '"kind": "reflect", "text": "Et svar\\nmed to linjer og \\"sitat\\""}, '
    '{"question_id": "prompt.3", "question_text": "Hva hjalp?", "kind": "prompt", '
    '"text": "Å lytte"}], "chime": [{"element_id": "chime.hope", '
    '"element_name": "Håp", "mode": "missing", "question_text": "Hva manglet?", '
    '"text": "Tålmodighet"}], "focus": [{"value_id": "tillit", "value_name": "Tillit", '
    '"action": "Holde avtaler"}, {"value_id": "naervaer", "value_name": "Nærvær", '
    '"action": ""}], "follow_ups": [{"value_id": "respekt", "value_name": "Respekt", '
    '"action": "Spørre først", "text": "Gikk bra", "keep": true, '
    '"from_uid": "abc123"}, {"value_id": "ansvar", "value_name": "Ansvar", '
    '"action": "", "text": "", "keep": false, "from_uid": null}], '
    '"notes": "privat notat \\\\ og tab\\t", '
    '"later_notes": [{"created_at": "2026-12-02T18:00:00+00:00", '
    '"text": "Senere: 😊"}], "reached": "summary", "taken_further": ["m1", "m2"]}'
)

MOMENT_OBJECT = (
    '{"uid": "m1", "lang": "en", "created_at": "2026-11-29T08:00:00+00:00", '
    '"updated_at": "2026-11-29T08:00:00+00:00", "text": "Et øyeblikk", '
    '"values": [{"value_id": "tillit", "value_name": "Tillit"}], '
    '"chime_id": "chime.hope", "chime_name": "Håp"}'
)

def test_a_stored_body_is_what_it_was() -> None:
    assert codec.encode_body(rich()) == COMPLETE_BODY
    assert codec.encode_body(rich("draft")) == (
        COMPLETE_BODY[:-1] + ', "reached": "summary", "taken_further": ["m1", "m2"]}')


def test_an_export_object_is_what_it_was() -> None:
    assert json.dumps(codec.to_dict(rich()), ensure_ascii=False) == COMPLETE_OBJECT
    assert json.dumps(codec.to_dict(rich("draft")), ensure_ascii=False) == DRAFT_OBJECT


def test_the_fast_export_object_is_what_it_was() -> None:
    c = rich()
    head = tuple(codec.to_dict(c)[key] for key in codec.HEAD_KEYS)
    assert codec.export_object(head, codec.encode_body(c)) == COMPLETE_OBJECT


def test_a_check_in_never_saved_exports_its_start_as_updated() -> None:
    c = rich()
    c.updated_at = None
    assert codec.to_dict(c)["updated_at"] == "2026-11-30T09:12:05+01:00"


@pytest.mark.parametrize("status", ["complete", "draft"])
def test_an_export_object_reads_back_whole(status: str) -> None:
    original = rich(status)
    again = codec.from_dict(json.loads(json.dumps(codec.to_dict(original))))
    # All but the journal's own number and revision, and the step reached and the
    # moments ticked of a draft (gone once it is complete).
    draft = status == "draft"
    expected = replace(original, id=None, reached=original.reached if draft else None,
                       taken_further=original.taken_further if draft else [])
    assert again == expected and again.saved_revision is None


@pytest.mark.parametrize("status", ["complete", "draft"])
def test_a_stored_body_reads_back_whole(status: str) -> None:
    original = rich(status)
    parts = codec.body_parts(orjson.loads(codec.encode_body(original)))
    for name, value in parts.items():
        gone = {"reached": None, "taken_further": []} if status == "complete" else {}
        expected = gone[name] if name in gone else getattr(original, name)
        assert value == expected, name
    assert set(parts) == set(codec.BODY_KEYS) | set(codec.OPTIONAL_BODY_KEYS)


def test_a_completed_check_in_keeps_no_step_reached_nor_moments_ticked() -> None:
    again = codec.from_dict(json.loads(DRAFT_OBJECT.replace(
        '"status": "draft"', '"status": "complete"').replace(
        '"completed_at": null', '"completed_at": "2026-11-30T09:41:00+01:00"')))
    assert again.reached is None and again.status == "complete"
    assert again.taken_further == []


def test_an_older_draft_without_moments_ticked_reads_as_none_ticked() -> None:
    older = json.loads(DRAFT_OBJECT)
    del older["taken_further"]
    assert codec.from_dict(older).taken_further == []
    body = json.loads(COMPLETE_BODY)
    assert codec.body_parts(body)["taken_further"] == []


@pytest.mark.parametrize("bad", ["not a list", [""], ["with space"], [7]])
def test_a_bad_list_of_moments_ticked_is_refused_naming_it(bad: object) -> None:
    draft = json.loads(DRAFT_OBJECT)
    draft["taken_further"] = bad
    with pytest.raises(ImportFormatError) as caught:
        codec.from_dict(draft, "checkins[0]")
    assert "checkins[0].taken_further" in str(caught.value.params["where"])


def test_a_moment_object_is_what_it_was() -> None:
    moment = Moment("Et øyeblikk", uid="m1", created_at=datetime(2026, 11, 29, 8, 0, tzinfo=UTC),
                    lang="en", values=[MomentValue("tillit", "Tillit")],
                    chime_id="chime.hope", chime_name="Håp")
    assert json.dumps(moment_to_dict(moment), ensure_ascii=False) == MOMENT_OBJECT
    again = moment_from_dict(json.loads(MOMENT_OBJECT))
    assert again == Moment("Et øyeblikk", uid="m1", created_at=moment.created_at,
                           updated_at=moment.created_at, lang="en", values=moment.values,
                           chime_id="chime.hope", chime_name="Håp")


def test_stored_text_comes_back_visible() -> None:
    """Control characters in a stored body are shown, never acted on; ids of other
    check-ins and the step reached stay as stored."""
    body = json.loads(COMPLETE_BODY)
    body["notes"] = "klar\x1b[2J"
    body["answers"][0]["text"] = "svar\x07"
    parts = codec.body_parts(body)
    assert "\x1b" not in parts["notes"] and "\x07" not in parts["answers"][0].text
    assert parts["follow_ups"][0].from_uid == "abc123"


def test_every_stored_record_declares_every_field_of_its_class() -> None:
    """A field added to a stored dataclass without a row in its declaration fails here
    (a check-in's also in ``test_sharing``: its row says whether a team may see it)."""
    from dataclasses import fields

    from refleks.journal.moments import MOMENT, MOMENT_VALUE

    records = [codec.CHECKIN, codec.ANSWER, codec.CHIME, codec.FOCUS, codec.FOLLOW_UP,
               codec.LATER_NOTE, MOMENT, MOMENT_VALUE]
    for record in records:
        assert sorted(f.name for f in record.fields) == sorted(
            f.name for f in fields(record.cls)), record.cls.__name__
    assert all(f.team is not None for f in codec.CHECKIN.fields)
