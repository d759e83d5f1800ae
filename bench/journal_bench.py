"""How fast is the journal with 500, 5,000 and 50,000 check-ins? Run, don't test.

    .venv/bin/python bench/journal_bench.py [--sizes 500 5000 50000] [--runs 5] [--keep DIR]

Builds synthetic journals (Norwegian first-person answers of about 3 KB per check-in,
written straight into SQLite with ``executemany`` in one transaction, through the same
codec the store uses), then times whole ``python -m refleks`` processes — start-up
included, as a person at the keyboard would feel it — and prints a table of medians.
The peak memory of the largest ``export`` is read from ``getrusage`` of a child process.

It first times a draft autosave in process (the app saves while a person types), with
``--draft-only`` just that. Budgets: a draft save of a 3 KB answer < 50 ms (it is
about 1 ms); 5,000 check-ins → ``export --format markdown`` < 0.5 s and
``list --search`` < 0.3 s; export grows about linearly, ``show latest`` stays flat;
exporting 50,000 streams in under 150 MB.

``--size-only`` builds the journals and prints the file's size per 1,000 check-ins
(issue 24: ≤ 8 MB), nothing timed; with an older checkout's ``src`` first on
``PYTHONPATH`` it gives that version's size (the journals are written through
refleks' own SQLite, which the search tables of schema 7 need).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from refleks.journal import codec, records, sql
from refleks.journal.model import Answer, CheckIn, ChimeReflection, Focus, FollowUp
from refleks.journal.store import Journal

SENTENCES = [
    "Denne uka møtte jeg en mann som har bodd på gata i mange år, og jeg merket at jeg "
    "ble utålmodig da han brukte lang tid på å fortelle.",
    "Jeg prøvde å la ham styre tempoet i samtalen, selv om vi hadde dårlig tid.",
    "Det var tydelig at han hadde erfart mange tillitsbrudd tidligere.",
    "Jeg spurte hva som var viktig for ham akkurat nå, og svaret overrasket meg.",
    "Han ønsket ikke hjelp med boligen først, men med å få kontakt med datteren sin.",
    "Jeg kjente på et ønske om å fikse ting for ham i stedet for å lytte.",
    "På teammøtet snakket vi om hvordan vi omtaler brukerne når de ikke er til stede.",
    "Jeg sa ifra da en kollega brukte en diagnose som merkelapp på en person.",
    "Det var ubehagelig, men jeg tror det var riktig å gjøre det.",
    "Hun fortalte at hun for første gang på lenge hadde gledet seg til noe.",
    "Vi brukte tid på å finne ut hva som gir henne mening i hverdagen.",
    "Jeg la bort telefonen og satte meg ned i stedet for å stå i døråpningen.",
    "Det gjorde noe med stemningen i rommet, og hun begynte å fortelle mer.",
    "Jeg er usikker på om jeg respekterte valget hans når jeg foreslo en annen løsning.",
    "Selvbestemmelse er lett å snakke om, men vanskeligere å praktisere når jeg er bekymret.",
    "Jeg merker at jeg blir mer forsiktig når pårørende er med i samtalen.",
    "En bruker sa at jeg var den første som hadde spurt om drømmene hans.",
    "Det minnet meg om hvorfor jeg valgte å jobbe med dette.",
    "Jeg kunne ha vært tydeligere på hva jeg ikke kan love.",
    "Forutsigbarhet betyr mye for henne, så jeg ringte tilbake samme dag som avtalt.",
    "Vi snakket om håp, og om at endring tar tid og ikke går i en rett linje.",
    "Jeg ble berørt av historien hans og trengte en pause etterpå.",
    "I veiledningen fikk jeg hjelp til å se at jeg tok for mye ansvar.",
    "Likeverd handler også om å dele makt i små ting, som hvem som bestemmer tidspunkt.",
    "Jeg ba om tilbakemelding på hvordan samtalen hadde vært for ham.",
    "Han sa at han ønsket at vi møttes på kafeen i stedet for på kontoret.",
    "Det var en god påminnelse om at hjelp ikke alltid må skje på våre premisser.",
    "Jeg la merke til at jeg avbrøt henne flere ganger, og bestemte meg for å vente mer.",
    "Å tåle stillhet er fortsatt vanskelig for meg.",
    "Neste uke vil jeg spørre mer om hva som har hjulpet før.",
    "Vi feiret at han hadde klart å møte opp på arbeidstreningen tre dager på rad.",
    "Jeg kjente på maktubalansen da vi snakket om vedtaket.",
    "Hun ville ikke at vi skulle kontakte fastlegen, og jeg respekterte det.",
    "Samtidig må jeg være ærlig om bekymringen min, uten å overstyre.",
    "Det ble en god samtale om hvordan hun selv vil ha det om et år.",
    "Jeg tror jeg viste tålmodighet, men innvendig var jeg stresset.",
    "Tilhørighet handler for ham om fotballaget han spilte på som ung.",
    "Jeg spurte om han kunne tenke seg å bli med på treningen igjen.",
    "Det er lett å se begrensninger, og jeg øver på å se ressursene først.",
    "Kollegaen min delte en erfaring som fikk meg til å tenke nytt om nærvær.",
]
PLACES = [f"{a}{b}" for a in ("Sjø", "Fjell", "Skog", "Elve", "Myr", "Lyng", "Berg", "Vik",
                               "Dal", "Nes", "Strand", "Li", "Heim", "Tun", "Bø", "Ås")
          for b in ("gløtt", "ly", "hagen", "stua", "tunet", "veien", "kroken", "bakken",
                    "sletta", "åsen", "haugen", "vika", "lia", "toppen", "bråten", "jordet")]
AREAS = [("relasjonell", "Relasjonelle verdier og holdninger",
          ["empati", "respekt", "tillit", "autentisitet", "naervaer"]),
         ("menneskesyn", "Menneskesyn og profesjonell holdning",
          ["likeverd", "styrkefokus", "hap", "ydmykhet", "partnerskap"]),
         ("etikk", "Etikk, rettigheter og verdighet",
          ["selvbestemmelse", "brukermedvirkning", "inkludering", "antistigma"]),
         ("refleksiv", "Refleksiv praksis og læring",
          ["selvinnsikt", "nysgjerrighet", "refleksjonsevne", "kompetansedeling"])]
QUESTIONS = ["Hvordan viser jeg empati og respekt i hverdagen?",
             "Når opplever jeg at tillit blir bygget?",
             "Hvordan praktiserer jeg autentisitet?",
             "Hvilke verdier ønsker jeg å styrke?"]


def paragraph(rng: random.Random, size: int) -> str:
    words: list[str] = []
    length = 0
    while length < size:
        sentence = rng.choice(SENTENCES)
        if rng.random() < 0.02:
            sentence += f" Vi møttes ved {rng.choice(PLACES)}."
        words.append(sentence)
        length += len(sentence) + 1
        if rng.random() < 0.15:
            words.append("\n\n")
    return " ".join(words).replace(" \n\n ", "\n\n").strip()


def make_checkin(rng: random.Random, index: int, start: datetime) -> CheckIn:
    area_id, area_title, values = AREAS[index % len(AREAS)]
    started = start + timedelta(hours=4 * index)
    chosen = rng.sample(values, 3 if rng.random() < 0.4 else 2)
    draft = index == 0  # one old draft, like a forgotten check-in
    return CheckIn(
        uid=f"bench{index:08d}",
        started_at=started,
        updated_at=started + timedelta(minutes=25),
        completed_at=None if draft else started + timedelta(minutes=25),
        status="draft" if draft else "complete",
        lang="nb",
        area_id=area_id,
        area_title=area_title,
        answers=[Answer(f"{area_id}.q{i + 1}", q, paragraph(rng, 560), "reflect")
                 for i, q in enumerate(QUESTIONS)],
        chime=[ChimeReflection("chime.hope", "Håp", "present",
                               "Hva ga håp denne uka?", paragraph(rng, 250))],
        focus=[Focus(v, v.capitalize(), paragraph(rng, 90)) for v in chosen],
        follow_ups=[FollowUp(v, v.capitalize(), "Ringe tilbake samme dag.",
                             paragraph(rng, 140), keep=False) for v in chosen[:2]],
        method_id="metode.ukesrefleksjon",
        method_title="Ukentlig refleksjon i team",
        notes=paragraph(rng, 120),
    )


def build(path: Path, count: int, seed: int = 3) -> float:
    """A journal of ``count`` check-ins, written in one transaction; returns seconds."""
    began = time.perf_counter()
    Journal.open(path).close()  # the real schema, current version
    rng = random.Random(seed)
    start = datetime(2026, 11, 30, 9, 0, tzinfo=timezone(timedelta(hours=1))) - timedelta(
        hours=4 * count)
    conn = sql.connect(path, isolation_level=None)  # refleks' SQLite (SQLCipher's)
    conn.execute("PRAGMA journal_mode = WAL")
    has_follow_ups = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE name = 'follow_ups'").fetchone() is not None
    has_chime_marks = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE name = 'chime_marks'").fetchone() is not None
    conn.execute("BEGIN IMMEDIATE")
    batch = 2000
    for first in range(0, count, batch):
        items = [make_checkin(rng, i, start) for i in range(first, min(count, first + batch))]
        conn.executemany(
            "INSERT INTO checkins (id, uid, status, lang, started_at, started_utc, updated_at, "
            "completed_at, area_id, area_title, method_id, method_title, revision, body) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)",
            [(first + n + 1, c.uid, c.status, c.lang, records.iso(c.started_at),
              records.utc_key(c.started_at), records.iso(c.updated_at or c.started_at),
              records.iso_or_none(c.completed_at), c.area_id, c.area_title, c.method_id,
              c.method_title,
              codec.encode_body(c))
             for n, c in enumerate(items)],
        )
        conn.executemany(
            "INSERT INTO focus (checkin_id, position, value_id, value_name) VALUES (?, ?, ?, ?)",
            [(first + n + 1, p, f.value_id, f.value_name)
             for n, c in enumerate(items) for p, f in enumerate(c.focus)],
        )
        if has_follow_ups:  # schema 3 on: focus actions and follow-ups by value
            conn.executemany(
                "UPDATE focus SET action = ? WHERE checkin_id = ? AND position = ?",
                [(f.action, first + n + 1, p)
                 for n, c in enumerate(items) for p, f in enumerate(c.focus)])
            conn.executemany(
                "INSERT INTO follow_ups (checkin_id, position, value_id, from_uid, text, "
                "keep) VALUES (?, ?, ?, ?, ?, ?)",
                [(first + n + 1, p, f.value_id, f.from_uid, f.text, int(f.keep))
                 for n, c in enumerate(items) for p, f in enumerate(c.follow_ups)])
        if has_chime_marks:  # schema 8 on: the CHIME marks the pack's overview reads
            conn.executemany(
                "INSERT INTO chime_marks (checkin_id, position, element_id, element_name, "
                "mode) VALUES (?, ?, ?, ?, ?)",
                [(first + n + 1, p, x.element_id, x.element_name, x.mode)
                 for n, c in enumerate(items) for p, x in enumerate(c.chime)])
        conn.executemany("INSERT INTO search (rowid, text) VALUES (?, ?)",
                         [(first + n + 1, codec.search_text(c)) for n, c in enumerate(items)])
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return time.perf_counter() - began


def refleks(journal: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "refleks", "--lang", "nb", "--journal", str(journal), *args]


# As a person would run it: byte-compiled modules cached (some shells and CI set
# PYTHONDONTWRITEBYTECODE, which would add compiling every module to every run).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {
    "COLUMNS": "120"}


def calibrate(runs: int = 5) -> float:
    """Seconds for a fixed pure-Python loop: how fast this machine is right now."""
    code = "s = 0\nfor i in range(3_000_000):\n    s += i\n"
    return timed([sys.executable, "-c", code], runs)


def timed(command: list[str], runs: int) -> float:
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True, env=ENV)  # warm up
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=True, env=ENV)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def peak_memory_mb(command: list[str]) -> float:
    """Peak RSS of one run of ``command``, measured from a fresh parent."""
    probe = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True,
                         text=True, check=True, env=ENV).stdout
    return int(out.strip()) / 1024  # Linux reports KiB


def draft_save_ms(saves: int = 50) -> float:
    """Mean time of one draft autosave (a 700-word answer, growing), in milliseconds."""
    with tempfile.TemporaryDirectory(prefix="refleks-bench-") as folder, \
            Journal.open(Path(folder) / "journal.sqlite3") as journal:
        start = datetime(2026, 11, 30, 9, tzinfo=timezone(timedelta(hours=1)))
        checkin = make_checkin(random.Random(1), 0, start)
        checkin.status, checkin.completed_at = "draft", None
        checkin.answers[0].text = "ord " * 700
        journal.save(checkin)
        began = time.perf_counter()
        for n in range(saves):
            checkin.answers[0].text += f" {n}"
            journal.save(checkin)
        return (time.perf_counter() - began) / saves * 1000


def sizes_per_thousand(sizes: list[int], keep: Path | None) -> None:
    """The journal file's size per 1,000 check-ins at each size (budget ≤ 8 MB)."""
    folder = keep or Path(tempfile.mkdtemp(prefix="refleks-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    conn = sql.connect(":memory:")
    version = conn.execute("SELECT sqlite_version()").fetchone()[0]
    conn.close()
    print(f"SQLite {version}; refleks from {Path(codec.__file__).parents[2]}")
    for size in sizes:
        path = folder / f"journal-{size}.sqlite3"
        if not path.exists():
            build(path, size)
        per_thousand = path.stat().st_size / size * 1000 / 1e6
        print(f"{size:>7,} check-ins: {path.stat().st_size / 1e6:8.1f} MB, "
              f"{per_thousand:.2f} MB per 1,000 (budget 8)")
        if not keep:
            path.unlink()
    if not keep:
        folder.rmdir()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000, 50000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build the journals here and keep them")
    parser.add_argument("--draft-only", action="store_true",
                        help="only time a draft autosave (budget < 50 ms)")
    parser.add_argument("--size-only", action="store_true",
                        help="only build the journals and print MB per 1,000 check-ins")
    args = parser.parse_args()
    if args.size_only:
        sizes_per_thousand(args.sizes, args.keep)
        return
    draft_ms = draft_save_ms()
    print(f"draft autosave, mean of 50 (budget 50 ms): {draft_ms:.2f} ms")
    if args.draft_only:
        return
    folder = args.keep or Path(tempfile.mkdtemp(prefix="refleks-bench-"))
    folder.mkdir(parents=True, exist_ok=True)

    rare = PLACES[7]
    commands = [
        ("list", ("list",)),
        ("show latest", ("show", "latest")),
        ("export markdown", ("export", "--format", "markdown")),
        ("export json", ("export", "--format", "json")),
        (f"list --search {rare}", ("list", "--search", rare)),
        ("list --search tillit", ("list", "--search", "tillit")),
        ("list --search tillit --since", ("list", "--search", "tillit", "--since", "2026-11")),
    ]
    baseline = timed([sys.executable, "-m", "refleks", "--version"], args.runs)
    speed_before = calibrate()
    rows: dict[str, dict[int, float]] = {name: {} for name, _ in commands}
    info: dict[int, str] = {}
    memory: dict[int, float] = {}
    for size in args.sizes:
        path = folder / f"journal-{size}.sqlite3"
        if not path.exists():
            seconds = build(path, size)
            print(f"built {size:>6} check-ins in {seconds:6.1f} s "
                  f"({path.stat().st_size / 1e6:.0f} MB)", file=sys.stderr)
        info[size] = f"{path.stat().st_size / 1e6:.0f} MB"
        runs = args.runs if size <= 5000 else max(3, args.runs // 2)
        for name, extra in commands:
            rows[name][size] = timed(refleks(path, *extra), runs)
            print(f"  {size:>6} {name:<28} {rows[name][size]:6.3f} s", file=sys.stderr)
        memory[size] = peak_memory_mb(refleks(path, "export", "--format", "markdown"))
        memory_json = peak_memory_mb(refleks(path, "export", "--format", "json"))
        memory[size] = max(memory[size], memory_json)

    sizes = args.sizes
    speed_after = calibrate()
    print()
    print(f"python -m refleks --version (start-up floor): {baseline:.3f} s")
    print(f"CPU calibration (3M-step Python loop), before/after: {speed_before:.3f} / "
          f"{speed_after:.3f} s")
    print(f"{'wall time, median (s)':<30}" + "".join(f"{s:>12,}" for s in sizes))
    print(f"{'journal file size':<30}" + "".join(f"{info[s]:>12}" for s in sizes))
    for name, _ in commands:
        print(f"{name:<30}" + "".join(f"{rows[name][s]:>12.3f}" for s in sizes))
    print(f"{'peak RSS of export (MB)':<30}" + "".join(f"{memory[s]:>12.1f}" for s in sizes))
    if not args.keep:
        for path in folder.iterdir():
            if path.is_file():
                path.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
