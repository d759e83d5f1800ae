-- A refleks journal as schema version 1 wrote it (frozen: never edit this file).
-- tests/test_journal_migrations.py loads it and upgrades it to the current version.
PRAGMA application_id = 1380338763;
PRAGMA user_version = 1;
BEGIN TRANSACTION;
CREATE TABLE checkins (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('draft', 'complete')),
    lang TEXT NOT NULL,
    started_at TEXT NOT NULL,      
    started_utc TEXT NOT NULL,     
    updated_at TEXT NOT NULL,
    completed_at TEXT,
    area_id TEXT,
    area_title TEXT NOT NULL DEFAULT '',
    method_id TEXT,
    method_title TEXT NOT NULL DEFAULT '',
    revision INTEGER NOT NULL DEFAULT 1,
    body TEXT NOT NULL             
);
INSERT INTO "checkins" VALUES(1,'3c1d7b0e5a8f4c2e9b6d1f0a2c4e6a8b','complete','nb','2026-11-02T09:00:00+01:00','2026-11-02T08:00:00.000000Z','2026-11-02T09:25:00+01:00','2026-11-02T09:25:00+01:00','relasjonell','Relasjonelle verdier og holdninger','metode.refleksjonsgruppe','Refleksjonsgruppe',3,'{"answers": [{"question_id": "relasjonell.q1", "question_text": "Hvordan viser jeg empati og respekt i hverdagen?", "kind": "reflect", "text": "Jeg lyttet mer enn jeg snakket. Det kjentes rart, men godt."}, {"question_id": "relasjonell.q2", "question_text": "Når opplever jeg at tillit blir bygget?", "kind": "reflect", "text": "Når jeg ringer tilbake når jeg har lovet det."}], "chime": [{"element_id": "chime.hope", "element_name": "Håp", "mode": "present", "question_text": "Hva ga håp denne uka?", "text": "Et lite smil i gangen."}], "focus": [{"value_id": "tillit", "value_name": "Tillit", "action": "Ringe tilbake samme dag."}, {"value_id": "naervaer", "value_name": "Nærvær", "action": "Legge bort telefonen i samtaler."}], "follow_ups": [{"value_id": "respekt", "value_name": "Respekt", "action": "Banke på før jeg går inn.", "text": "Gikk bedre enn jeg trodde.", "keep": true, "from_uid": "0f0e0d0c0b0a09080706050403020100"}], "notes": "Ta opp i veiledning.", "later_notes": [{"created_at": "2026-11-05T18:00:00+01:00", "text": "Snakket med leder om dette."}]}');
INSERT INTO "checkins" VALUES(2,'9a8b7c6d5e4f30211203f4e5d6c7b8a9','draft','nb','2026-11-09T20:15:00+01:00','2026-11-09T19:15:00.000000Z','2026-11-09T20:40:00+01:00',NULL,'etikk','Etikk, rettigheter og verdighet',NULL,'',7,'{"answers": [{"question_id": "etikk.q1", "question_text": "Hvordan ivaretar jeg selvbestemmelse?", "kind": "reflect", "text": "Halvveis skrevet utkast om å så frø."}], "chime": [], "focus": [], "follow_ups": [], "notes": "", "later_notes": []}');
CREATE TABLE focus (
    checkin_id INTEGER NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    value_id TEXT NOT NULL,
    value_name TEXT NOT NULL,
    PRIMARY KEY (checkin_id, position)
) WITHOUT ROWID;
INSERT INTO "focus" VALUES(1,0,'tillit','Tillit');
INSERT INTO "focus" VALUES(1,1,'naervaer','Nærvær');
CREATE INDEX checkins_started ON checkins (started_utc);
CREATE INDEX checkins_status ON checkins (status, started_utc);
CREATE INDEX checkins_area ON checkins (area_id, started_utc);
CREATE INDEX focus_value ON focus (value_id);
COMMIT;
