"""Build ``templates/assembly-brief.docx``, the reference document of the Assembly's house style.

Run ``python templates/build/make_template.py`` from the repository. The result is an
ordinary Word document: the secretariat may open it in Word, change any style (fonts,
sizes, colours, spacing, bullet glyphs in *Define New Multilevel List*, the header and
footer) and save it; the exporter picks up every change with no code change, in the
manner of pandoc's ``--reference-doc``. This script is only the first author of that
file, kept so that its decisions are written down and reproducible.

Everything visual lives in named styles and in two multi-level numbering definitions:

- bullets: one definition whose levels are linked (``w:pStyle``) to *List Bullet*,
  *List Bullet 2* and *List Bullet 3*, which in turn name it in their ``w:numPr``;
- headings: one definition numbering *Heading 1–3* as ``I.``, ``A.``, ``1.``, linked
  the same way, so Word itself numbers and renumbers sections.

The header and footer hold two tokens the exporter fills in: ``{reference}`` (the
brief's reference number, on pages after the first) and ``{website}``. Keep each
token inside one run when editing them in Word (type it in one go).

The body holds a specimen of every style so the template can be judged in Word; the
exporter replaces the body and keeps only its section properties (page size, margins,
header and footer references).
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import docx

OUT = Path(__file__).resolve().parents[1] / "assembly-brief.docx"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

FONT = "Arial"
NAVY = "1F3864"
GREY = "595959"
RULE = "8EA9DB"
LINK = "1F5C99"

# A4 with 2.5 cm margins; the text is 16 cm wide.
PAGE_W, PAGE_H, MARGIN = 11906, 16838, 1418
TEXT_W = PAGE_W - 2 * MARGIN

CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def fonts() -> str:
    return f'<w:rFonts w:ascii="{FONT}" w:eastAsia="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>'


def style(kind: str, sid: str, name: str, *, ppr: str = "", rpr: str = "", based: str = "Normal",
          nxt: str = "", extra: str = "", priority: int = 0, qformat: bool = True, hidden: bool = False) -> str:
    """One ``w:style`` element, children in the order the schema asks for."""
    parts = [f'<w:style w:type="{kind}" w:styleId="{sid}">', f'<w:name w:val="{name}"/>']
    if based:
        parts.append(f'<w:basedOn w:val="{based}"/>')
    if nxt:
        parts.append(f'<w:next w:val="{nxt}"/>')
    parts.append(extra)
    if priority:
        parts.append(f'<w:uiPriority w:val="{priority}"/>')
    if hidden:
        parts.append("<w:semiHidden/><w:unhideWhenUsed/>")
    if qformat:
        parts.append("<w:qFormat/>")
    if ppr:
        parts.append(f"<w:pPr>{ppr}</w:pPr>")
    if rpr:
        parts.append(f"<w:rPr>{rpr}</w:rPr>")
    parts.append("</w:style>")
    return "".join(parts)


def para(sid: str, **kw) -> str:
    return style("paragraph", sid, **kw)


BULLET_NUM, HEADING_NUM = 1, 2


def styles_xml() -> str:
    keep = "<w:keepNext/><w:keepLines/>"
    s = [
        para("Normal", name="Normal", based="",
             ppr='<w:widowControl/><w:spacing w:after="120" w:line="264" w:lineRule="auto"/>',
             extra="", priority=0).replace('<w:style w:type="paragraph" w:styleId="Normal">',
                                            '<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'),
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>'
        "</w:style>",
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        # --- cover block
        para("CoverBody", name="Cover Body", nxt="CoverEvent", priority=20,
             ppr=f'{keep}<w:pBdr><w:top w:val="single" w:sz="18" w:space="8" w:color="{NAVY}"/></w:pBdr>'
                 '<w:spacing w:before="0" w:after="240"/>',
             rpr=f'<w:b/><w:bCs/><w:caps/><w:color w:val="{NAVY}"/><w:spacing w:val="10"/>'
                 '<w:sz w:val="24"/><w:szCs w:val="24"/>'),
        para("CoverEvent", name="Cover Event", nxt="CoverDates", priority=20,
             ppr=f'{keep}<w:spacing w:before="0" w:after="60"/>',
             rpr='<w:b/><w:bCs/><w:caps/><w:sz w:val="22"/><w:szCs w:val="22"/>'),
        para("CoverDates", name="Cover Dates", nxt="CoverKind", priority=20,
             ppr=f'{keep}<w:spacing w:before="0" w:after="240"/>',
             rpr='<w:sz w:val="22"/><w:szCs w:val="22"/>'),
        para("CoverKind", name="Cover Kind", nxt="CoverReference", priority=20,
             ppr=f'{keep}<w:spacing w:before="0" w:after="60"/>',
             rpr=f'<w:b/><w:bCs/><w:color w:val="{NAVY}"/><w:sz w:val="32"/><w:szCs w:val="32"/>'),
        para("CoverReference", name="Cover Reference", nxt="CoverDisclaimer", priority=20,
             ppr=f'{keep}<w:spacing w:before="0" w:after="120"/>',
             rpr=f'<w:color w:val="{GREY}"/><w:sz w:val="18"/><w:szCs w:val="18"/>'),
        para("CoverDisclaimer", name="Cover Disclaimer", nxt="Title", priority=20,
             ppr=f'<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="8" w:color="{RULE}"/></w:pBdr>'
                 '<w:spacing w:before="0" w:after="360"/>',
             rpr=f'<w:i/><w:iCs/><w:color w:val="{GREY}"/><w:sz w:val="18"/><w:szCs w:val="18"/>'),
        para("Title", name="Title", nxt="BodyText", priority=10,
             ppr=f'{keep}<w:spacing w:before="120" w:after="240" w:line="252" w:lineRule="auto"/>'
                 '<w:contextualSpacing/>',
             rpr=f'<w:b/><w:bCs/><w:caps/><w:color w:val="{NAVY}"/><w:kern w:val="28"/>'
                 '<w:sz w:val="28"/><w:szCs w:val="28"/>'),
        # --- table of contents
        para("TOCHeading", name="TOC Heading", nxt="Normal", priority=39,
             ppr=f'{keep}<w:spacing w:before="240" w:after="120"/>',
             rpr=f'<w:b/><w:bCs/><w:caps/><w:color w:val="{NAVY}"/><w:sz w:val="22"/><w:szCs w:val="22"/>'),
    ]
    for level in (1, 2, 3):
        left = 567 * level
        tabs = f'<w:tabs><w:tab w:val="left" w:pos="{left}"/>' \
               f'<w:tab w:val="right" w:leader="dot" w:pos="{TEXT_W}"/></w:tabs>'
        rpr = "<w:b/><w:bCs/><w:caps/>" if level == 1 else ""
        s.append(para(f"TOC{level}", name=f"toc {level}", nxt="Normal", priority=39, hidden=True, qformat=False,
                      ppr=f'{tabs}<w:spacing w:before="{120 if level == 1 else 0}" w:after="60"/>'
                          f'<w:ind w:left="{left}" w:hanging="567"/>',
                      rpr=rpr))
    # --- numbered headings (numbering comes from the linked multi-level list)
    # run properties in the order the schema asks for: b, i, caps, color, sz
    heading = [
        (1, '<w:spacing w:before="360" w:after="160"/>', "<w:caps/>", 24),
        (2, '<w:spacing w:before="280" w:after="120"/>', "", 22),
        (3, '<w:spacing w:before="240" w:after="120"/>', "<w:i/><w:iCs/>", 22),
    ]
    for level, spacing, shape, size in heading:
        ilvl = f'<w:ilvl w:val="{level - 1}"/>' if level > 1 else ""
        s.append(para(f"Heading{level}", name=f"heading {level}", nxt="BodyText", priority=9,
                      ppr=f'{keep}<w:numPr>{ilvl}<w:numId w:val="{HEADING_NUM}"/></w:numPr>{spacing}'
                          f'<w:outlineLvl w:val="{level - 1}"/>',
                      rpr=f'<w:b/><w:bCs/>{shape}<w:color w:val="{NAVY}"/>'
                          f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'))
    s += [
        # Outline level 4, by way of Word's own "heading 4" (unnumbered): in Word's navigation pane,
        # read as a heading by pandoc (a style based on a heading style is a heading), yet below
        # the contents' levels 1-3 and outside the headings' numbered list.
        para("Heading4", name="heading 4", nxt="BodyText", priority=9,
             ppr=f'{keep}<w:spacing w:before="240" w:after="100"/><w:outlineLvl w:val="3"/>',
             rpr=f'<w:b/><w:bCs/><w:color w:val="{NAVY}"/>'),
        para("Subheading", name="Subheading", based="Heading4", nxt="ListBullet", priority=11,
             ppr=f'{keep}<w:spacing w:before="240" w:after="100"/><w:outlineLvl w:val="3"/>',
             rpr=f'<w:b/><w:bCs/><w:color w:val="{NAVY}"/>'),
        para("BodyText", name="Body Text", priority=1,
             ppr='<w:spacing w:before="0" w:after="160"/>'),
    ]
    for level in (1, 2, 3):
        sid = "ListBullet" if level == 1 else f"ListBullet{level}"
        name = "List Bullet" if level == 1 else f"List Bullet {level}"
        ilvl = f'<w:ilvl w:val="{level - 1}"/>' if level > 1 else ""
        s.append(para(sid, name=name, nxt=sid, priority=36, qformat=False,
                      ppr=f'<w:numPr>{ilvl}<w:numId w:val="{BULLET_NUM}"/></w:numPr>'
                          '<w:spacing w:before="0" w:after="100"/>'))
    s += [
        para("FootnoteText", name="footnote text", priority=99, hidden=True, qformat=False,
             extra='<w:link w:val="FootnoteTextChar"/>',
             ppr='<w:spacing w:after="40" w:line="240" w:lineRule="auto"/><w:ind w:left="170" w:hanging="170"/>',
             rpr='<w:sz w:val="17"/><w:szCs w:val="17"/>'),
        style("character", "FootnoteTextChar", name="Footnote Text Char", based="DefaultParagraphFont",
              extra='<w:link w:val="FootnoteText"/>', priority=99, qformat=False, hidden=True,
              rpr='<w:sz w:val="17"/><w:szCs w:val="17"/>'),
        style("character", "FootnoteReference", name="footnote reference", based="DefaultParagraphFont",
              priority=99, qformat=False, hidden=True, rpr='<w:vertAlign w:val="superscript"/>'),
        para("Header", name="header", priority=99, hidden=True, qformat=False,
             ppr=f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_W}"/></w:tabs>'
                 '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="right"/>',
             rpr=f'<w:color w:val="{GREY}"/><w:sz w:val="18"/><w:szCs w:val="18"/>'),
        para("Footer", name="footer", priority=99, hidden=True, qformat=False,
             ppr=f'<w:pBdr><w:top w:val="single" w:sz="4" w:space="6" w:color="{RULE}"/></w:pBdr>'
                 f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_W}"/></w:tabs>'
                 '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
             rpr=f'<w:color w:val="{GREY}"/><w:sz w:val="18"/><w:szCs w:val="18"/>'),
        style("character", "Hyperlink", name="Hyperlink", based="DefaultParagraphFont", priority=99,
              qformat=False, hidden=True, rpr=f'<w:color w:val="{LINK}"/><w:u w:val="single"/>'),
        # Reviewers' notes exported as Word comments: Word's own styles for their text and mark.
        para("CommentText", name="annotation text", priority=99, hidden=True, qformat=False,
             ppr='<w:spacing w:after="60" w:line="240" w:lineRule="auto"/>',
             rpr='<w:sz w:val="20"/><w:szCs w:val="20"/>'),
        style("character", "CommentReference", name="annotation reference", based="DefaultParagraphFont",
              priority=99, qformat=False, hidden=True, rpr='<w:sz w:val="16"/><w:szCs w:val="16"/>'),
    ]
    defaults = (
        f"<w:docDefaults><w:rPrDefault><w:rPr>{fonts()}"
        '<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB" w:eastAsia="en-US" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        # Widow and orphan control on everywhere: Word assumes it, LibreOffice reads its absence as off.
        '<w:widowControl/><w:spacing w:after="120" w:line="264" w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
    )
    return f"{DECL}<w:styles {NS}>{defaults}{''.join(s)}</w:styles>"


def level(ilvl: int, fmt: str, text: str, *, pstyle: str = "", left: int, hanging: int, rpr: str = "") -> str:
    link = f'<w:pStyle w:val="{pstyle}"/>' if pstyle else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{link}'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{left}"/></w:tabs>'
            f'<w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr>{rpr}</w:lvl>')


def numbering_xml() -> str:
    glyphs = ["\u2022", "\u2013", "\u25aa"]
    bullet_rpr = f'<w:rPr>{fonts()}<w:color w:val="{NAVY}"/></w:rPr>'
    bullet_styles = ["ListBullet", "ListBullet2", "ListBullet3"]
    bullets = "".join(
        level(i, "bullet", glyphs[i % 3], pstyle=bullet_styles[i] if i < 3 else "",
              left=357 * (i + 1), hanging=357, rpr=bullet_rpr)
        for i in range(9)
    )
    heading_fmts = [("upperRoman", "%1."), ("upperLetter", "%2."), ("decimal", "%3."), ("lowerLetter", "%4)"),
                    ("lowerRoman", "(%5)"), ("decimal", "(%6)"), ("lowerLetter", "(%7)"), ("lowerRoman", "%8."),
                    ("decimal", "%9.")]
    headings = "".join(
        level(i, fmt, text, pstyle=f"Heading{i + 1}" if i < 3 else "", left=567 if i < 3 else 567 * (i - 1),
              hanging=567)
        for i, (fmt, text) in enumerate(heading_fmts)
    )
    return (f"{DECL}<w:numbering {NS}>"
            f'<w:abstractNum w:abstractNumId="0"><w:nsid w:val="4A1B2C01"/>'
            f'<w:multiLevelType w:val="multilevel"/><w:tmpl w:val="6E2F3A01"/>{bullets}</w:abstractNum>'
            f'<w:abstractNum w:abstractNumId="1"><w:nsid w:val="4A1B2C02"/>'
            f'<w:multiLevelType w:val="multilevel"/><w:tmpl w:val="6E2F3A02"/>{headings}</w:abstractNum>'
            f'<w:num w:numId="{BULLET_NUM}"><w:abstractNumId w:val="0"/></w:num>'
            f'<w:num w:numId="{HEADING_NUM}"><w:abstractNumId w:val="1"/></w:num>'
            "</w:numbering>")


def settings_xml() -> str:
    return (f"{DECL}<w:settings {NS}>"
            '<w:zoom w:percent="100"/>'
            '<w:defaultTabStop w:val="709"/><w:characterSpacingControl w:val="doNotCompress"/>'
            '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
            '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"'
            ' w:val="15"/></w:compat>'
            '<w:themeFontLang w:val="en-GB"/>'
            '<w:clrSchemeMapping w:bg1="light1" w:t1="dark1" w:bg2="light2" w:t2="dark2" w:accent1="accent1"'
            ' w:accent2="accent2" w:accent3="accent3" w:accent4="accent4" w:accent5="accent5" w:accent6="accent6"'
            ' w:hyperlink="hyperlink" w:followedHyperlink="followedHyperlink"/>'
            '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>')


def p(sid: str, *runs: str) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{sid}"/></w:pPr>{"".join(runs)}</w:p>'


def r(text: str, rpr: str = "") -> str:
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def field(code: str, result: str) -> str:
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r><w:t>{result}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')


def document_xml() -> str:
    b = "<w:b/>"
    body = [
        p("CoverBody", r("NATO PARLIAMENTARY ASSEMBLY")),
        p("CoverEvent", r("MEETING OF THE SPECIMEN COMMITTEE")),
        p("CoverDates", r("1-2 January 2025")),
        p("CoverKind", r("Policy Brief")),
        p("CoverReference", r("000 SPE 25 E | Original: English | January 2025")),
        p("CoverDisclaimer", r("This Policy Brief is presented for information only and does not represent the "
                               "official view of the Assembly.")),
        p("Title", r("SPECIMEN OF THE HOUSE STYLE:"), "<w:r><w:br/></w:r>", r("EDIT THE STYLES, NOT THE TEXT")),
        p("BodyText", r("This document is the reference template of Briefbook. Its text is replaced on export; "
                        "its styles, numbering, page set-up, header and footer are kept. Change a style here and "
                        "every exported brief follows.")),
        p("Subheading", r("An unnumbered sub-heading")),
        p("ListBullet", r("A bold lead sentence.", b), r(" A bullet at the first level.")),
        p("ListBullet2", r("A bullet at the second level, with a note.")
          + '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'),
        p("ListBullet3", r("A bullet at the third level.")),
        p("TOCHeading", r("Contents")),
        p("TOC1", r("I."), "<w:r><w:tab/></w:r>", r("A FIRST-LEVEL SECTION"), "<w:r><w:tab/></w:r>", r("1")),
        p("TOC2", r("A."), "<w:r><w:tab/></w:r>", r("A second-level section"), "<w:r><w:tab/></w:r>", r("1")),
        p("TOC3", r("1."), "<w:r><w:tab/></w:r>", r("A third-level section"), "<w:r><w:tab/></w:r>", r("2")),
        p("Heading1", r("A FIRST-LEVEL SECTION")),
        p("Heading2", r("A second-level section")),
        p("Heading3", r("A third-level section")),
        p("BodyText", r("Body text with a "), '<w:hyperlink r:id="rId11" w:history="1">'
          + r("hyperlink", '<w:rStyle w:val="Hyperlink"/>') + "</w:hyperlink>", r(".")),
    ]
    sect = ('<w:sectPr><w:headerReference w:type="default" r:id="rId7"/><w:footerReference w:type="default"'
            ' r:id="rId8"/><w:headerReference w:type="first" r:id="rId9"/>'
            '<w:footerReference w:type="first" r:id="rId10"/>'
            f'<w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/><w:pgMar w:top="{MARGIN}" w:right="{MARGIN}"'
            f' w:bottom="{MARGIN}" w:left="{MARGIN}" w:header="709" w:footer="709" w:gutter="0"/>'
            '<w:cols w:space="708"/><w:titlePg/><w:docGrid w:linePitch="360"/></w:sectPr>')
    return f'{DECL}<w:document {NS}><w:body>{"".join(body)}{sect}</w:body></w:document>'


def header_xml(text: str) -> str:
    content = r(text) if text else ""
    return f"{DECL}<w:hdr {NS}>{p('Header', content)}</w:hdr>"


def footer_xml() -> str:
    return f"{DECL}<w:ftr {NS}>{p('Footer', r('{website}'), '<w:r><w:tab/></w:r>', field('PAGE', '1'))}</w:ftr>"


def footnotes_xml() -> str:
    sep = ('<w:footnote w:type="{kind}" w:id="{id}"><w:p><w:pPr><w:spacing w:after="0" w:line="240"'
           ' w:lineRule="auto"/></w:pPr><w:r><w:{kind}/></w:r></w:p></w:footnote>')
    note = ('<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
            '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
            + r(" A footnote, set in the footnote text style.") + "</w:p></w:footnote>")
    return (f"{DECL}<w:footnotes {NS}>{sep.format(kind='separator', id=-1)}"
            f"{sep.format(kind='continuationSeparator', id=0)}{note}</w:footnotes>")


def font_table_xml() -> str:
    return (f"{DECL}<w:fonts {NS}>"
            f'<w:font w:name="{FONT}"><w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/>'
            '<w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
            '<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>'
            '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>')


def web_settings_xml() -> str:
    return f"{DECL}<w:webSettings {NS}><w:optimizeForBrowser/><w:allowPNG/></w:webSettings>"


def theme_xml() -> bytes:
    """Word's Office theme as python-docx ships it, with the house font and colours."""
    source = Path(docx.__file__).parent / "templates" / "default.docx"
    with zipfile.ZipFile(source) as z:
        theme = z.read("word/theme/theme1.xml").decode("utf-8")
    for old in ("Calibri", "Cambria"):
        theme = theme.replace(f'<a:latin typeface="{old}"/>', f'<a:latin typeface="{FONT}"/>')
    theme = theme.replace('<a:srgbClr val="1F497D"/>', f'<a:srgbClr val="{NAVY}"/>')
    theme = theme.replace('<a:srgbClr val="4F81BD"/>', f'<a:srgbClr val="{NAVY}"/>')
    theme = theme.replace('<a:srgbClr val="0000FF"/>', f'<a:srgbClr val="{LINK}"/>')
    return theme.encode("utf-8")


def content_types_xml() -> str:
    over = {
        "/word/document.xml": f"{CT_MAIN}.document.main+xml",
        "/word/styles.xml": f"{CT_MAIN}.styles+xml",
        "/word/numbering.xml": f"{CT_MAIN}.numbering+xml",
        "/word/settings.xml": f"{CT_MAIN}.settings+xml",
        "/word/webSettings.xml": f"{CT_MAIN}.webSettings+xml",
        "/word/fontTable.xml": f"{CT_MAIN}.fontTable+xml",
        "/word/footnotes.xml": f"{CT_MAIN}.footnotes+xml",
        "/word/header1.xml": f"{CT_MAIN}.header+xml",
        "/word/header2.xml": f"{CT_MAIN}.header+xml",
        "/word/footer1.xml": f"{CT_MAIN}.footer+xml",
        "/word/footer2.xml": f"{CT_MAIN}.footer+xml",
        "/word/theme/theme1.xml": "application/vnd.openxmlformats-officedocument.theme+xml",
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    }
    items = "".join(f'<Override PartName="{k}" ContentType="{v}"/>' for k, v in over.items())
    return (f'{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f"{items}</Types>")


def rels(entries: list[tuple[str, str, str]], external: frozenset[str] = frozenset()) -> str:
    body = "".join(
        f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"'
        + (' TargetMode="External"' if rid in external else "") + "/>"
        for rid, kind, target in entries
    )
    return f'{DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{body}' \
           "</Relationships>"


def package_rels() -> str:
    return rels([
        ("rId1", f"{REL}/officeDocument", "word/document.xml"),
        ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
         "docProps/core.xml"),
        ("rId3", f"{REL}/extended-properties", "docProps/app.xml"),
    ])


def document_rels() -> str:
    return rels([
        ("rId1", f"{REL}/styles", "styles.xml"),
        ("rId2", f"{REL}/numbering", "numbering.xml"),
        ("rId3", f"{REL}/settings", "settings.xml"),
        ("rId4", f"{REL}/webSettings", "webSettings.xml"),
        ("rId5", f"{REL}/fontTable", "fontTable.xml"),
        ("rId6", f"{REL}/footnotes", "footnotes.xml"),
        ("rId7", f"{REL}/header", "header1.xml"),
        ("rId8", f"{REL}/footer", "footer1.xml"),
        ("rId9", f"{REL}/header", "header2.xml"),
        ("rId10", f"{REL}/footer", "footer2.xml"),
        ("rId11", f"{REL}/hyperlink", "https://www.nato-pa.int/"),
        ("rId12", f"{REL}/theme", "theme/theme1.xml"),
    ], external=frozenset({"rId11"}))


def core_xml() -> str:
    return (f'{DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
            ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            "<dc:title>Assembly brief: reference template</dc:title>"
            "<dc:creator>NATO Parliamentary Assembly</dc:creator>"
            "<dc:language>en-GB</dc:language></cp:coreProperties>")


def app_xml() -> str:
    return (f'{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
            ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            "<Application>Briefbook</Application>"
            "<DocSecurity>0</DocSecurity></Properties>")


def parts() -> list[tuple[str, str | bytes]]:
    return [
        ("[Content_Types].xml", content_types_xml()),
        ("_rels/.rels", package_rels()),
        ("docProps/core.xml", core_xml()),
        ("docProps/app.xml", app_xml()),
        ("word/document.xml", document_xml()),
        ("word/_rels/document.xml.rels", document_rels()),
        ("word/styles.xml", styles_xml()),
        ("word/numbering.xml", numbering_xml()),
        ("word/settings.xml", settings_xml()),
        ("word/webSettings.xml", web_settings_xml()),
        ("word/fontTable.xml", font_table_xml()),
        ("word/footnotes.xml", footnotes_xml()),
        ("word/header1.xml", header_xml("{reference}")),
        ("word/header2.xml", header_xml("")),
        ("word/footer1.xml", footer_xml()),
        ("word/footer2.xml", footer_xml()),
        ("word/theme/theme1.xml", theme_xml()),
    ]


def main(out: Path = OUT) -> None:
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
