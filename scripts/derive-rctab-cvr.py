#!/usr/bin/env python3
"""Convert one ES&S .xlsx cast-vote record, as an RCTab config reads it, into the compact CSV.

Usage:
    python3 scripts/derive-rctab-cvr.py CONFIG.json [--source N] [--output OUT.csv] [--crlf]

CONFIG.json is an RCTab contest configuration; its cvrFileSources[N] (default 0) must be an
ES&S source ("provider": "ess"), whose filePath is resolved against the config's folder.
The output (stdout unless --output) is the compact CSV that packages/tally/src/formats/csv.ts
reads, the layout of shared/data/counting/rctab/derived/*.csv (SOURCES.md, "Derived files"):

    count,rank1,rank2,...       header
    3864,MARK ANDREW,undervote,undervote

- one row per distinct ballot: identical rank tuples summed, sorted by count descending,
  then by the marks (rank 1, then rank 2, ...; Python string order, i.e. code points);
- marks kept verbatim (candidate names, the config's overvoteLabel, skippedRankLabel and
  undeclaredWriteInLabel as written); an empty cell is an empty field (a skipped rank);
- CSV written by Python's csv module (quoted only where needed), with LF line ends (this
  repository's .editorconfig); --crlf writes CRLF, as the files in rctab/derived/ have. With
  --crlf the three files there are reproduced byte for byte from their configs' xlsx.

The sheet is read the way RCTab's StreamingCvrReader (RCTab 2.0, BrightSpots/rcv) reads it:
- the workbook's first sheet (the first <sheet> of xl/workbook.xml, through its relationship);
- every <row> element at or below firstVoteRowIndex (1-based) is one ballot, even a row with
  no cell in the ranking columns (a ballot with no rankings: an undervote in RCTab's report);
- ranking columns: firstVoteColumnIndex (1-based) and the next ones, maxRankingsAllowed in all
  (rules.maxRankingsAllowed; "max": every column from the first one on), leaving out the
  config's precinct, batch and ID columns; the CSV has one rank column per ranking column
  up to the last one that has a cell in any row (header row included).

Only the standard library is used (an .xlsx is a zip of XML: zipfile + xml.etree). Anything
this reader cannot reproduce exactly as RCTab reads it is refused with an error rather than
guessed: an overvoteDelimiter, treatBlankAsUndeclaredWriteIn, a number, boolean, error or
formula in a ranking cell, phonetic runs in shared strings, a mark that is neither a declared
candidate (or alias) nor one of the config's labels, a missing ID when idColumnIndex is set.
"""

from __future__ import annotations

import argparse
import collections
import csv
import io
import json
import posixpath
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"


class DeriveError(Exception):
    pass


def q(tag: str) -> str:
    return f"{{{MAIN}}}{tag}"


def text_of(element: ET.Element) -> str:
    """The text of a shared or inline string: <t>, or its rich-text runs <r><t>, in order."""
    if element.find(q("rPh")) is not None:
        raise DeriveError("phonetic runs (<rPh>) in a string: not read the way RCTab (POI) reads them")
    direct = element.find(q("t"))
    if direct is not None:
        return direct.text or ""
    return "".join(t.text or "" for r in element.findall(q("r")) for t in r.findall(q("t")))


def first_sheet_path(book: zipfile.ZipFile) -> str:
    """The part name of the workbook's first sheet (what POI's XSSFReader.getSheetsData() gives first)."""
    workbook = ET.fromstring(book.read("xl/workbook.xml"))
    if workbook.tag.startswith(f"{{{STRICT_MAIN}}}"):
        raise DeriveError("Strict Open XML workbook (RCTab does not read these either)")
    sheet = workbook.find(f"{q('sheets')}/{q('sheet')}")
    if sheet is None:
        raise DeriveError("xl/workbook.xml lists no sheet")
    rel_id = sheet.get(f"{{{DOC_REL}}}id")
    rels = ET.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.findall(f"{{{PKG_REL}}}Relationship"):
        if rel.get("Id") == rel_id:
            target = rel.get("Target") or ""
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    raise DeriveError(f"no relationship {rel_id} for the first sheet")


def shared_strings(book: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in book.namelist():
        return []
    root = ET.fromstring(book.read("xl/sharedStrings.xml"))
    return [text_of(si) for si in root.findall(q("si"))]


def column_index(letters: str) -> int:
    """0-based column of an A1-style column name (A = 0, AB = 27)."""
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - ord("A") + 1)
    return n - 1


CELL_REF = re.compile(r"^([A-Z]+)(\d+)$")


def read_rows(book: zipfile.ZipFile, sheet: str, strings: list[str]):
    """Yields (row number 1-based, {0-based column: (kind, text)}) for every <row> element.

    kind is 'string' (shared, inline or formula string) or the cell's other type ('n', 'b',
    'e', 'formula'), which the caller refuses in ranking columns. Cells without a value give
    no entry, as they give POI no cell callback.
    """
    next_row = 1
    with book.open(sheet) as stream:
        for _event, element in ET.iterparse(stream, events=("end",)):
            if element.tag != q("row"):
                continue
            r = element.get("r")
            number = int(r) if r is not None else next_row
            next_row = number + 1
            cells: dict[int, tuple[str, str]] = {}
            next_col = 0
            for c in element.findall(q("c")):
                ref = c.get("r")
                if ref is not None:
                    m = CELL_REF.match(ref)
                    if m is None:
                        raise DeriveError(f"bad cell reference {ref!r}")
                    col = column_index(m.group(1))
                    if int(m.group(2)) != number:
                        raise DeriveError(f"cell {ref} in row {number}")
                else:
                    col = next_col
                next_col = col + 1
                kind = c.get("t", "n")
                v = c.find(q("v"))
                if c.find(q("f")) is not None:
                    cells[col] = ("formula", "" if v is None else v.text or "")
                elif kind == "s":
                    if v is None:
                        continue
                    cells[col] = ("string", strings[int(v.text or "")])
                elif kind == "inlineStr":
                    inline = c.find(q("is"))
                    if inline is None:
                        continue
                    cells[col] = ("string", text_of(inline))
                elif kind == "str":
                    if v is None:
                        continue
                    cells[col] = ("string", v.text or "")
                else:
                    if v is None:
                        continue
                    cells[col] = (kind, v.text or "")
            yield number, cells
            element.clear()


def one_based(source: dict, key: str, required: bool) -> int | None:
    value = str(source.get(key) or "").strip()
    if value == "":
        if required:
            raise DeriveError(f"cvrFileSources {key} is required")
        return None
    if not value.isdigit() or int(value) < 1:
        raise DeriveError(f"cvrFileSources {key} {value!r} is not a positive integer")
    return int(value)


def derive(config_path: str, source_index: int, line_end: str = "\n") -> tuple[str, dict]:
    with open(config_path, encoding="utf-8") as f:
        config = json.load(f)
    sources = config.get("cvrFileSources") or []
    if not 0 <= source_index < len(sources):
        raise DeriveError(f"{config_path} has no cvrFileSources[{source_index}]")
    source = sources[source_index]
    if str(source.get("provider", "")).lower() != "ess":
        raise DeriveError(f"cvrFileSources[{source_index}] provider {source.get('provider')!r} is not ess")
    if str(source.get("overvoteDelimiter") or "") != "":
        raise DeriveError("overvoteDelimiter is not supported")
    rules = config.get("rules") or {}
    if source.get("treatBlankAsUndeclaredWriteIn") is True or rules.get("treatBlankAsUndeclaredWriteIn") is True:
        raise DeriveError("treatBlankAsUndeclaredWriteIn is not supported")

    first_col = one_based(source, "firstVoteColumnIndex", True) - 1
    first_row = one_based(source, "firstVoteRowIndex", True)
    id_col = one_based(source, "idColumnIndex", False)
    # RCTab reads the precinct, batch and ID columns as such, never as a ranking.
    other_cols = {
        c - 1
        for c in (
            id_col,
            one_based(source, "precinctColumnIndex", False),
            one_based(source, "batchColumnIndex", False),
        )
        if c is not None
    }
    max_rankings_raw = str(rules.get("maxRankingsAllowed", "max")).strip()
    if max_rankings_raw == "max":
        max_rankings = None
    elif max_rankings_raw.isdigit() and int(max_rankings_raw) >= 1:
        max_rankings = int(max_rankings_raw)
    else:
        raise DeriveError(f"maxRankingsAllowed {max_rankings_raw!r}")

    def rank_of(col: int) -> int | None:
        if col in other_cols or col < first_col:
            return None
        rank = col - first_col + 1
        return rank if max_rankings is None or rank <= max_rankings else None

    overvote = str(source.get("overvoteLabel") or "")
    skipped = str(source.get("skippedRankLabel") or source.get("undervoteLabel") or "")
    uwi = str(source.get("undeclaredWriteInLabel") or "")
    known = set()
    for candidate in config.get("candidates") or []:
        known.add(candidate["name"])
        known.update(candidate.get("aliases") or [])
    known.update(label for label in (overvote, uwi) if label != "")

    cvr_path = posixpath.join(posixpath.dirname(config_path), source["filePath"])
    ballots: collections.Counter[tuple[str, ...]] = collections.Counter()
    width = 0
    rows = 0
    with zipfile.ZipFile(cvr_path) as book:
        sheet = first_sheet_path(book)
        strings = shared_strings(book)
        records: list[dict[int, str]] = []
        for number, cells in read_rows(book, sheet, strings):
            ranked = {rank_of(col): value for col, value in cells.items() if rank_of(col) is not None}
            if ranked:
                width = max(width, max(ranked))
            if number < first_row:
                continue
            rows += 1
            if id_col is not None and (id_col - 1) not in cells:
                raise DeriveError(f"row {number}: no cast vote record ID in column {id_col} (RCTab refuses the file)")
            marks: dict[int, str] = {}
            for rank, (kind, value) in ranked.items():
                where = f"row {number}, rank {rank}"
                if kind != "string":
                    raise DeriveError(f"{where}: a {kind} cell ({value!r}); only text is read here")
                mark = value.strip()
                if mark == skipped:
                    # RCTab records no ranking: written as the label itself, or empty when the label is "".
                    marks[rank] = value
                    continue
                if mark == "":
                    raise DeriveError(f"{where}: an empty text cell, with skippedRankLabel {skipped!r}")
                if mark not in known:
                    raise DeriveError(f"{where}: {mark!r} is neither a declared candidate nor a configured label")
                marks[rank] = value
            records.append(marks)
    for marks in records:
        ballots[tuple(marks.get(rank, "") for rank in range(1, width + 1))] += 1

    out = io.StringIO()
    writer = csv.writer(out, lineterminator=line_end)
    writer.writerow(["count", *(f"rank{k}" for k in range(1, width + 1))])
    # Equal counts in the order of their marks (code points), as in rctab/derived/*.csv.
    for marks, count in sorted(ballots.items(), key=lambda item: (-item[1], item[0])):
        writer.writerow([count, *marks])
    stats = {"sheet": sheet, "rows": rows, "distinct": len(ballots), "ranks": width}
    return out.getvalue(), stats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("config", help="the RCTab contest config (…_config.json)")
    parser.add_argument("--source", type=int, default=0, help="index in cvrFileSources (default 0)")
    parser.add_argument("--output", "-o", help="write the CSV here (default: stdout)")
    parser.add_argument("--crlf", action="store_true", help="CRLF line ends, as in rctab/derived/ (default LF)")
    args = parser.parse_args()
    try:
        text, stats = derive(args.config, args.source, "\r\n" if args.crlf else "\n")
    except (DeriveError, OSError, KeyError, IndexError, ValueError, zipfile.BadZipFile, ET.ParseError) as e:
        print(f"derive-rctab-cvr: {args.config}: {e}", file=sys.stderr)
        return 1
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    print(
        f"derive-rctab-cvr: {stats['rows']} ballots, {stats['distinct']} distinct rows, "
        f"{stats['ranks']} rank columns (sheet {stats['sheet']})",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
