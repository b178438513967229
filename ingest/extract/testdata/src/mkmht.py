# Makes a single-file web page (MHT) of an HTML table as Excel writes a
# workbook: a frameset page first (its script builds the tab strip as a
# <table>, a shLink names each sheet), the sheet's page in GB18030 declared
# gb2312, quoted-printable, the tab strip of sheet names (tabstrip.htm) and
# a filelist.xml part; CRLF line ends, a GB18030 preamble.
# With --wps, as WPS 表格 writes one: the frameset, its script js.js and
# tabstrip.htm sent as text/html, then the sheet's page, every page UTF-8
# with <meta charset=UTF-8> and every part labelled charset="us-ascii".
import quopri, sys
wps = '--wps' in sys.argv
src, out = [a for a in sys.argv[1:] if a != '--wps']
table = open(src, encoding='utf-8').read()
enc = 'utf-8' if wps else 'gb18030'
if wps:
    table = table.replace('<meta charset="utf-8">', '<meta charset=UTF-8>')
else:
    table = table.replace('charset="utf-8"', 'charset="gb2312"').replace('charset=utf-8', 'charset=gb2312')
B = '----=_NextPart_01DA2B3C.4D5E6F70'
def part(loc, ctype, body, qp=True):
    h = f'--{B}\r\nContent-Location: file:///C:/5D3A2B1C/{loc}\r\n'
    if qp:
        h += 'Content-Transfer-Encoding: quoted-printable\r\n'
    h += f'Content-Type: {ctype}\r\n\r\n'
    data = body.encode(enc)
    if qp:
        data = quopri.encodestring(data).replace(b'\n', b'\r\n')
    return h.encode() + data + b'\r\n\r\n'
meta = '<meta charset=UTF-8>' if wps else '<meta http-equiv=Content-Type content="text/html; charset=gb2312">'
script = ('<script language="JavaScript">\n'
          'function fnBuildTabStrip()\n{\n var aHtml = [];\n'
          ' aHtml.push(\'<table border=0 cellspacing=0 cellpadding=0 width="100%"><tr><td nowrap>\');\n'
          ' aHtml.push(\'</td></tr></table>\');\n document.frames["frTabs"].document.body.innerHTML = aHtml.join("");\n}\n'
          '</script>\n')
if wps:
    script = '<script src="book.files/js.js"></script>\n'
frameset = ('<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">\n'
            f'<head>{meta}<meta name="Excel Workbook Frameset"><title>责任分解表</title>\n'
            '<link id="shLink" href="book.files/sheet001.htm">\n' + script + '</head>\n'
            '<frameset rows="*,39" border=0 width=0 frameborder=no framespacing=0>\n'
            ' <frame src="book.files/sheet001.htm" name="frSheet">\n <frame src="book.files/tabstrip.htm" name="frTabs" marginwidth=0 marginheight=0>\n</frameset></html>\n')
js = ('var c_lTabs=1;\nvar c_rgszSh=new Array(c_lTabs);\nc_rgszSh[0] = "Sheet1";\n'
      'function fnBuildTabStrip()\n{\n var s = \'<table border=0 cellspacing=1><tr><td>&#171;</td><td>&lt;</td>\';\n'
      ' for (var i = 0; i < c_lTabs; i++) s += \'<td><a href="sheet00\' + (i + 1) + \'.htm" target="frSheet">\' + c_rgszSh[i] + \'</a></td>\';\n'
      ' return s + \'</tr></table>\';\n}\n')
tabstrip = (f'<html><head>{meta}</head>\n<body topmargin=0 leftmargin=0 bgcolor="#808080">\n'
            '<table border=0 cellspacing=1>\n <tr>\n  <td nowrap><b><small><small>&nbsp;<a href="#" onclick="return false">&#171;</a>&nbsp;</small></small></b></td>\n'
            '  <td nowrap><b><small><small>&nbsp;<a href="#" onclick="return false">&lt;</a>&nbsp;</small></small></b></td>\n'
            '  <td bgcolor="#FFFFFF" nowrap><b><small><small>&nbsp;<a href="sheet001.htm" target="frSheet"><font face="宋体" color="#000000">Sheet1</font></a>&nbsp;</small></small></b></td>\n'
            ' </tr>\n</table>\n</body></html>\n')
filelist = '<xml xmlns:o="urn:schemas-microsoft-com:office:office">\n <o:MainFile HRef="../book.htm"/>\n <o:File HRef="sheet001.htm"/>\n <o:File HRef="tabstrip.htm"/>\n</xml>\n'
doc = b'MIME-Version: 1.0\r\nX-Document-Type: Workbook\r\nContent-Type: multipart/related; boundary="' + B.encode() + b'"\r\n\r\n'
doc += '此文档为“单个文件网页”，也称为“Web 档案”文件。如果您看到此消息，但是您的浏览器或编辑器不支持“Web 档案”文件，请下载支持“Web 档案”的浏览器。\r\n\r\n'.encode(enc)
if wps:
    ascii = 'text/html; charset="us-ascii"'
    doc += part('book.htm', ascii, frameset)
    doc += part('book.files/js.js', ascii, js)
    doc += part('book.files/tabstrip.htm', ascii, tabstrip)
    doc += part('book.files/sheet001.htm', ascii, table)
else:
    doc += part('book.htm', 'text/html; charset="gb2312"', frameset)
    doc += part('book.files/sheet001.htm', 'text/html; charset="gb2312"', table)
    doc += part('book.files/tabstrip.htm', 'text/html; charset="gb2312"', tabstrip)
    doc += part('book.files/filelist.xml', 'text/xml; charset="utf-8"', filelist)
doc += f'--{B}--\r\n'.encode()
open(out, 'wb').write(doc)
