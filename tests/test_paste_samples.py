"""Realistic clipboard contents for the paste tests: what Word, a browser and a PDF viewer put there."""

WORD_HTML = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<link rel=File-List href="file:///C:/Users/analyst/AppData/Local/Temp/msohtmlclip1/01/clip_filelist.xml">
<!--[if gte mso 9]><xml>
 <o:OfficeDocumentSettings>
  <o:AllowPNG/>
 </o:OfficeDocumentSettings>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face {font-family:Symbol; panose-1:5 5 1 2 1 7 6 2 5 7;}
p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;}
p.MsoListParagraph {mso-style-priority:34; margin-left:36.0pt;}
@list l0:level1 {mso-level-number-format:bullet; mso-level-text:\\F0B7; mso-level-tab-stop:none;}
-->
</style>
</head>
<body lang=EN-GB style='tab-interval:36.0pt;word-wrap:break-word'>
<!--StartFragment-->
<p class=MsoNormal><span lang=EN-GB style='font-family:"Arial",sans-serif;color:#1F3864'>NATO Ministers of
Defence convened in Brussels on 17-18&nbsp;October, marking <b>the first ministerial meeting following
the Washington Summit</b> and <b><span style='mso-bidi-font-weight:normal'>Mark Rutte’s inaugural
ministerial meeting</span></b> as NATO Secretary General.<o:p></o:p></span></p>
<p class=MsoNormal><span lang=EN-GB><o:p>&nbsp;</o:p></span></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
lang=EN-GB style='font-family:Symbol;mso-fareast-font-family:Symbol;mso-bidi-font-family:Symbol'><span
style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]><b><span lang=EN-GB>Allied deterrence and defence<o:p></o:p></span></b></p>
<p class=MsoListParagraphCxSpMiddle
style='margin-left:72.0pt;mso-add-space:auto;text-indent:-18.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span
lang=EN-GB style='font-family:"Courier New";mso-fareast-font-family:"Courier New"'><span
style='mso-list:Ignore'>o<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;
</span></span></span><![endif]><span lang=EN-GB>Implementation of NATO’s defence plans (*draft*)<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpMiddle
style='margin-left:72.0pt;mso-add-space:auto;text-indent:-18.0pt;mso-list:l0 level2 lfo1'><!--[if !supportLists]--><span
lang=EN-GB style='font-family:"Courier New"'><span style='mso-list:Ignore'>o<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><!--[endif]--><span lang=EN-GB>Strengthening
of <i>air and missile</i> defence, see the <a href="https://www.nato.int/cps/en/natohq/news_229705.htm"><span
style='color:#0563C1'>NATO press release</span></a><a style='mso-footnote-id:ftn1' href="#_ftn1" name="_ftnref1"
title=""><span class=MsoFootnoteReference><span style='mso-special-character:footnote'><![if !supportFootnotes]><span
class=MsoFootnoteReference>[1]</span><![endif]></span></span></a><o:p></o:p></span></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
lang=EN-GB style='font-family:Symbol'><span style='mso-list:Ignore'>·<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;
</span></span></span><![endif]><span style='font-weight:bold'>Progress on support for Ukraine</span><span
style='font-size:10.0pt;color:red'> — “shoulder-to-shoulder”</span><img width=12 height=12 src="file:///C:/tmp/image001.png"></p>
<!--EndFragment-->
</body>
</html>"""

WEB_HTML = """<meta charset='utf-8'><h2 class="title" style="font-family: Georgia">Focus of the meetings</h2>
<p style="color: rgb(33, 33, 33); font-size: 16px;">Ministers discussed <strong>deterrence</strong>,
<em>support&nbsp;for Ukraine</em> and a <a href="javascript:alert(1)">dangerous link</a>.<script>alert("x")</script></p>
<ul>
  <li>First point with <span style="font-weight: 700">weight 700</span>
    <ul><li>Nested <a href="mailto:press@nato-pa.int">mail</a></li>
        <li>Second nested<ol><li>Third level</li></ol></li></ul>
  </li>
  <li>Second point [see annex]</li>
</ul>
<table><tr><td>Country</td><td>Amount</td></tr><tr><td>Australia</td><td>USD 245 million</td></tr></table>
<!-- a comment --><b style="font-weight:normal;" id="docs-internal-guid-1"><span>Not bold</span></b>
<p>Control\x07char and tab\there</p>"""
