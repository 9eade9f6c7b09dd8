#!/usr/bin/env python3
"""Writes the two invented HCPCS releases beside this script (test fixtures, never run samples).

The files use the CMS ANWEB fixed-width layout (320-byte records, cp1252, CRLF; record ids
3/7 start a procedure/modifier, 4/8 continue its long description), but every code and every
word is invented: procedure codes X9001-X9015 and modifiers Z1-Z4 do not exist in CMS files.

Changes January -> April 2025 (Tests/Releases/InventedHcpcsFixtureTests.cs relies on them):
  added           X9013 (replaces X9003), X9014, X9015 (ADD DT 2025-07-01: not yet effective
                  before July), modifier Z4
  deleted         X9003, terminated 2025-03-31, XREF1 X9013
  revised         X9004 long descriptor, ACT EFF DT 2025-02-15 (the new text starts then)
  administrative  X9005 PRICE1 11 -> 13 and BETOS O1A -> O1B
Everything else is the same in both files.

Run: python3 Tests/Fixtures/hcpcs/make-hcpcs-fixtures.py   (rewrites the .txt files byte for byte)
"""
import os
import textwrap

# (CMS column name, 1-based start, width) as in the CMS HCPCS record layout.
LAYOUT = [("HCPC", 1, 5), ("SEQNUM", 6, 5), ("RECID", 11, 1), ("LONG", 12, 80), ("SHORT", 92, 28)]
LAYOUT += [(f"PRICE{i + 1}", 120 + 2 * i, 2) for i in range(4)]
LAYOUT += [("MULT_PI", 128, 1)]
LAYOUT += [(f"CIM{i + 1}", 129 + 6 * i, 6) for i in range(3)]
LAYOUT += [(f"MCM{i + 1}", 147 + 8 * i, 8) for i in range(3)]
LAYOUT += [("STATUTE", 171, 10)]
LAYOUT += [(f"LABCERT{i + 1}", 181 + 3 * i, 3) for i in range(8)]
LAYOUT += [(f"XREF{i + 1}", 205 + 5 * i, 5) for i in range(5)]
LAYOUT += [("COV", 230, 1), ("ASC_GRP", 231, 2), ("ASC_DT", 233, 8), ("OPPS", 241, 3), ("OPPS_PI", 244, 1),
           ("OPPS_DT", 245, 8), ("PROCNOTE", 253, 4), ("BETOS", 257, 3)]
LAYOUT += [(f"TOS{i + 1}", 261 + i, 1) for i in range(5)]
LAYOUT += [("ANEST_BU", 266, 3), ("ADD DT", 269, 8), ("ACT EFF DT", 277, 8), ("TERM DT", 285, 8), ("ACTION CD", 293, 1)]
RECORD_LENGTH = 320
POSITIONS = {name: (start - 1, width) for name, start, width in LAYOUT}

HEADER = [
    "***Sample release for CodeUpdates: invented codes and text, not CMS data.",
    "*Codes X9001-X9015 and modifiers Z1-Z4 exist in no HCPCS release.",
    "",
]


def line(fields):
    chars = [" "] * RECORD_LENGTH
    for name, value in fields.items():
        start, width = POSITIONS[name]
        if len(value) > width:
            raise ValueError(f"{name} '{value}' is wider than {width}")
        chars[start:start + len(value)] = value
    return "".join(chars)


def records(code, long_text, short_text, **fields):
    """The record line of a code plus the continuation lines its long descriptor needs."""
    modifier = len(code) == 2
    chunks = textwrap.wrap(long_text, 80)
    first = {"HCPC": code, "SEQNUM": "00100", "RECID": "7" if modifier else "3",
             "LONG": chunks[0], "SHORT": short_text}
    first.update(fields)
    out = [line(first)]
    for i, chunk in enumerate(chunks[1:], start=2):
        out.append(line({"HCPC": code, "SEQNUM": f"{i:03d}00", "RECID": "8" if modifier else "4", "LONG": chunk}))
    return out


def procedure(code, long_text, short_text, add="20240101", price="11", betos="O1A", cov="C", tos="1", **fields):
    base = {"PRICE1": price, "MULT_PI": "9", "COV": cov, "BETOS": betos, "TOS1": tos, "ADD DT": add,
            "ACT EFF DT": add, "ACTION CD": "N"}
    base.update(fields)
    return records(code, long_text, short_text, **base)


def modifier(code, long_text, short_text, add="20240101", **fields):
    base = {"PRICE1": "00", "COV": "C", "ADD DT": add, "ACT EFF DT": add, "ACTION CD": "N"}
    base.update(fields)
    return records(code, long_text, short_text, **base)


def january():
    return [
        procedure("X9001", "Sample walking aid, folding frame with four rubber tips and adjustable height, "
                           "for one adult, each", "Sample walking aid folding"),
        procedure("X9002", "Sample wound pad, non-adherent, 10 cm by 10 cm, each", "Sample wound pad 10x10"),
        procedure("X9003", "Sample infusion set, single lumen, for use with an invented pump, each",
                  "Sample infusion set single"),
        procedure("X9004", "Sample oxygen tubing, 7 metres, with connector, each", "Sample oxygen tubing"),
        procedure("X9005", "Sample home visit by an invented therapy aide, per 15 minutes",
                  "Sample home therapy visit", price="11", betos="O1A", cov="D", tos="9"),
        procedure("X9006", "Sample nasal cannula, adult size, each", "Sample nasal cannula adult"),
        procedure("X9007", "Sample compression stocking, knee length, 20\u201330 mmHg, pair",
                  "Sample compression stocking"),
        procedure("X9008", "Sample glucose test strip for an invented home meter, per 50 strips, with lancets "
                           "and control solution when supplied together in one box",
                  "Sample glucose strips 50"),
        procedure("X9009", "Sample transport by invented shuttle service, per mile", "Sample shuttle per mile",
                  cov="I", tos="D"),
        procedure("X9010", "Sample hearing aid battery, zinc air, each", "Sample hearing battery"),
        procedure("X9011", "Sample orthotic insole, custom moulded, each", "Sample custom insole"),
        procedure("X9012", "Sample screening questionnaire administered by staff, per session",
                  "Sample screening survey", betos="M5D", tos="1"),
        modifier("Z1", "Sample modifier: item furnished in an invented pilot programme", "Sample pilot item"),
        modifier("Z2", "Sample modifier: service delivered by an invented mobile unit staffed by two people, "
                       "when a second person is needed for safety", "Sample mobile unit two staff"),
        modifier("Z3", "Sample modifier: rental month of an invented device", "Sample rental month"),
    ]


def april():
    recs = january()
    by_code = {r[0][:5].strip(): r for r in recs}
    # Terminated at the end of March; X9013 replaces it.
    by_code["X9003"] = procedure("X9003", "Sample infusion set, single lumen, for use with an invented pump, each",
                                 "Sample infusion set single", **{"TERM DT": "20250331", "ACT EFF DT": "20250331",
                                                                  "ACTION CD": "D", "XREF1": "X9013"})
    # The long descriptor is revised; the new text takes effect mid-quarter.
    by_code["X9004"] = procedure("X9004", "Sample oxygen tubing, 7 metres, with swivel connector and kink guard, each",
                                 "Sample oxygen tubing", **{"ACT EFF DT": "20250215", "ACTION CD": "C"})
    # Administrative only: pricing indicator and BETOS.
    by_code["X9005"] = procedure("X9005", "Sample home visit by an invented therapy aide, per 15 minutes",
                                 "Sample home therapy visit", price="13", betos="O1B", cov="D", tos="9",
                                 **{"ACT EFF DT": "20250401", "ACTION CD": "P"})
    out = [by_code[r[0][:5].strip()] for r in recs]
    procedures, modifiers = out[:12], out[12:]
    procedures += [
        procedure("X9013", "Sample infusion set, dual lumen, for use with an invented pump, replaces X9003, each",
                  "Sample infusion set dual", add="20250401", **{"ACTION CD": "A"}),
        procedure("X9014", "Sample skin barrier wipe, alcohol free, per box of 50", "Sample barrier wipes 50",
                  add="20250401", **{"ACTION CD": "A"}),
        procedure("X9015", "Sample remote monitoring kit for an invented sensor, first month", "Sample remote kit month",
                  add="20250701", **{"ACTION CD": "A"}),
    ]
    modifiers += [modifier("Z4", "Sample modifier: replacement of an invented device part", "Sample part replaced",
                           add="20250401", **{"ACTION CD": "A"})]
    return procedures + modifiers


def write(path, recs):
    lines = HEADER + [text for rec in recs for text in rec]
    with open(path, "wb") as f:
        f.write("\r\n".join(lines).encode("cp1252") + b"\r\n")


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    os.makedirs(here, exist_ok=True)
    write(os.path.join(here, "HCPC2025_JAN_ANWEB.txt"), january())
    write(os.path.join(here, "HCPC2025_APR_ANWEB.txt"), april())
