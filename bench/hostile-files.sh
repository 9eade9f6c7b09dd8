#!/usr/bin/env bash
# Peak memory of reading hostile release files: each is read by `codeupdates diff` (Release build,
# offline, against a small real prior release) under /usr/bin/time -v, and its "Maximum resident
# set size" is printed with the command's verdict (rejected with a reason, or read).
#   hcpcs-1m-rows.xlsx        one sheet of 1,000,000 rows (cells past the ANWEB columns)
#   hcpcs-shared-strings.xlsx a small workbook whose sharedStrings part expands to 20 million strings
#   HCPC2025_JAN_ANWEB.csv    an ANWEB header and 10,000,000 blank lines
#   LONGULT.txt               10,000,000 lines
# Options by environment: CMS_HCPCS (default ../shared/data/cms-hcpcs), CODEUPDATES_DLL (a built
# codeupdates.dll to measure instead of building this working copy), KEEP_FILES=1.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/codeupdates-hostile.XXXXXX")
trap '[[ -n "${KEEP_FILES:-}" ]] && echo "Files kept in $WORK" >&2 || rm -rf "$WORK"' EXIT

CMS=${CMS_HCPCS:-$REPO/../shared/data/cms-hcpcs}
PRIOR_HCPCS=$CMS/2019/HCPC2019_CONTR_ANWEB.txt
PRIOR_CPT=$REPO/samples/cpt/2025/LONGULT.txt
[[ -f $PRIOR_HCPCS ]] || { echo "the CMS 2019 file is not in $CMS (set CMS_HCPCS)" >&2; exit 1; }
[[ -f $PRIOR_CPT ]] || { echo "$PRIOR_CPT is missing" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time (GNU time) is needed" >&2; exit 1; }

DLL=${CODEUPDATES_DLL:-}
if [[ -z $DLL ]]; then
  dotnet build "$REPO/Cli/Cli.csproj" -c Release --nologo -v quiet >/dev/null
  DLL=$REPO/Cli/bin/Release/net10.0/codeupdates.dll
fi

echo "Generating the hostile files in $WORK ..."
python3 - "$WORK" <<'PY'
import sys, zipfile, zlib, os
work = sys.argv[1]

def xlsx(path, sheet_rows, shared_strings=None):
    # The smallest workbook ExcelDataReader opens: content types, relationships, workbook, one sheet.
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        overrides = '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' \
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        rels = '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        if shared_strings is not None:
            overrides += '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            rels += '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' + overrides + '</Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Codes" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + rels + '</Relationships>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            for chunk in sheet_rows():
                f.write(chunk)
            f.write(b'</sheetData></worksheet>')
        if shared_strings is not None:
            with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
                f.write(b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
                for chunk in shared_strings():
                    f.write(chunk)
                f.write(b'</sst>')

header = ["HCPC", "SEQNUM", "RECID", "LONG DESCRIPTION", "SHORT DESCRIPTION"]
def header_row():
    cells = "".join(f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{h}</t></is></c>' for i, h in enumerate(header))
    return f'<row r="1">{cells}</row>'.encode()

def million_rows():
    yield header_row()
    for start in range(2, 1_000_002, 10_000):
        yield "".join(f'<row r="{n}"><c r="AX{n}"><v>1</v></c></row>' for n in range(start, min(start + 10_000, 1_000_002))).encode()

def bomb_rows():
    yield header_row()
    yield b'<row r="2"><c r="A2" t="s"><v>0</v></c></row>'

def twenty_million_strings():
    block = b"<si><t>a</t></si>" * 100_000
    for _ in range(200):
        yield block

xlsx(os.path.join(work, "hcpcs-1m-rows.xlsx"), million_rows)
xlsx(os.path.join(work, "hcpcs-shared-strings.xlsx"), bomb_rows, twenty_million_strings)
with open(os.path.join(work, "HCPC2025_JAN_ANWEB.csv"), "wb") as f:
    f.write(b"HCPC,SEQNUM,RECID,LONG DESCRIPTION,SHORT DESCRIPTION\r\n")
    block = b",\n" * 1_000_000
    for _ in range(10):
        f.write(block)
with open(os.path.join(work, "LONGULT.txt"), "wb") as f:
    block = b"x\n" * 1_000_000
    for _ in range(10):
        f.write(block)
PY

measure() {
  local system=$1 prior=$2 file=$3 effective=$4
  local out=$WORK/out.txt
  set +e
  /usr/bin/time -v dotnet "$DLL" diff "$prior" "$file" --system "$system" --effective "$effective" --format json >"$out" 2>"$WORK/time.txt"
  local status=$?
  set -e
  local rss verdict
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
  verdict=$(grep -v -E '^\s+[A-Z].*: |^\s*Command being timed' "$WORK/time.txt" | head -c 300 | tr '\n' ' ')
  ((status == 0)) && verdict="read (exit 0)"
  printf '%-28s %7s KB on disk  peak %5d MB  exit %d  %s\n' "$(basename "$file")" "$(($(stat -c %s "$file") / 1024))" "$((rss / 1024))" "$status" "$verdict"
}

echo "Peak resident memory of codeupdates diff (prior: a real release; current: the hostile file):"
measure hcpcs "$PRIOR_HCPCS" "$WORK/hcpcs-1m-rows.xlsx" 2025-01-01
measure hcpcs "$PRIOR_HCPCS" "$WORK/hcpcs-shared-strings.xlsx" 2025-01-01
measure hcpcs "$PRIOR_HCPCS" "$WORK/HCPC2025_JAN_ANWEB.csv" 2025-01-01
measure cpt "$PRIOR_CPT" "$WORK/LONGULT.txt" 2026-01-01
