"""Excel workbooks for the import tests, made with zipfile and shaped as Excel writes
them: content types, relationships, a workbook of two sheets, styles with a date
format, shared strings."""
import datetime
import html
import io
import zipfile

NS = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def esc(s):
    return html.escape(s, quote=True)


def col_name(i):
    name = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        name = chr(65 + rem) + name
    return name


def xlsx(rows, sheet_xml=None, blank_mb=0):
    """An Excel-like workbook: rows is [(row number, [values])], values str (shared
    strings), int or float (numbers), bool, datetime.date (a number in a date format),
    None (no cell). The data sheet comes first; a second sheet must not be read.
    blank_mb adds that many megabytes of blanks inside the sheet's data, written in
    pieces (a zip bomb without holding it in memory)."""
    strings, index = [], {}
    out_rows = []
    for num, values in rows:
        cells = []
        for i, v in enumerate(values):
            ref = "%s%d" % (col_name(i), num)
            if v is None:
                continue
            if isinstance(v, bool):
                cells.append('<c r="%s" t="b"><v>%d</v></c>' % (ref, v))
            elif isinstance(v, datetime.date):
                serial = (v - datetime.date(1899, 12, 30)).days
                cells.append('<c r="%s" s="1"><v>%d</v></c>' % (ref, serial))
            elif isinstance(v, (int, float)):
                cells.append('<c r="%s"><v>%s</v></c>' % (ref, repr(v)))
            else:
                if v not in index:
                    index[v] = len(strings)
                    strings.append(v)
                cells.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, index[v]))
        out_rows.append('<row r="%d" spans="1:%d">%s</row>' % (num, max(len(values), 1), "".join(cells)))
    sheet = sheet_xml or ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet %s>'
                          '<dimension ref="A1"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>'
                          '<sheetFormatPr defaultRowHeight="15"/><sheetData>%s</sheetData>'
                          '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
                          '</worksheet>' % (NS, "".join(out_rows)))
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst %s count="%d" uniqueCount="%d">%s</sst>'
           % (NS, len(strings), len(strings), "".join('<si><t xml:space="preserve">%s</t></si>' % esc(s) for s in strings)))
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '</Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="%sofficeDocument" Target="xl/workbook.xml"/></Relationships>' % REL,
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook %s>'
            '<workbookPr defaultThemeVersion="166925"/><bookViews><workbookView xWindow="0" yWindow="0"/></bookViews>'
            '<sheets><sheet name="Контакты" sheetId="1" r:id="rId1"/><sheet name="Справка" sheetId="2" r:id="rId2"/>'
            '</sheets></workbook>' % NS,
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId2" Type="%sworksheet" Target="worksheets/sheet2.xml"/>'
            '<Relationship Id="rId1" Type="%sworksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId3" Type="%sstyles" Target="styles.xml"/>'
            '<Relationship Id="rId4" Type="%ssharedStrings" Target="sharedStrings.xml"/></Relationships>'
            % (REL, REL, REL, REL),
        "xl/worksheets/sheet1.xml": sheet,
        "xl/worksheets/sheet2.xml": '<worksheet %s><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>not this'
            '</t></is></c></row></sheetData></worksheet>' % NS,
        "xl/styles.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet %s>'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0"/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0" fontId="0" xfId="0"/>'
            '<xf numFmtId="14" fontId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>' % NS,
        "xl/sharedStrings.xml": sst,
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            if blank_mb and name == "xl/worksheets/sheet1.xml":
                head, tail = data.split("<sheetData>")
                with z.open(name, "w") as f:
                    f.write((head + "<sheetData>").encode())
                    for _ in range(blank_mb):
                        f.write(b" " * (1 << 20))
                    f.write(tail.encode())
            else:
                z.writestr(name, data)
    return buf.getvalue()
