# Makes an Excel-style single-file web page (MHT) of an HTML table:
# a frameset page first (as Excel writes a workbook of several sheets),
# the sheet's page in GB18030 declared gb2312, quoted-printable, and a
# filelist.xml part; CRLF line ends, a GB18030 preamble.
import quopri, sys
src, out = sys.argv[1], sys.argv[2]
table = open(src, encoding='utf-8').read().replace('charset="utf-8"', 'charset="gb2312"').replace('charset=utf-8', 'charset=gb2312')
B = '----=_NextPart_01DA2B3C.4D5E6F70'
def part(loc, ctype, body, qp=True):
    h = f'--{B}\r\nContent-Location: file:///C:/5D3A2B1C/{loc}\r\n'
    if qp:
        h += 'Content-Transfer-Encoding: quoted-printable\r\n'
    h += f'Content-Type: {ctype}\r\n\r\n'
    data = body.encode('gb18030')
    if qp:
        data = quopri.encodestring(data).replace(b'\n', b'\r\n')
    return h.encode() + data + b'\r\n\r\n'
frameset = ('<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">\n'
            '<head><meta http-equiv=Content-Type content="text/html; charset=gb2312"><title>责任分解表</title></head>\n'
            '<frameset rows="*,39" border=0 width=0 frameborder=no framespacing=0>\n'
            ' <frame src="book.files/sheet001.htm" name="frSheet">\n <frame src="book.files/tabstrip.htm" name="frTabs" marginwidth=0 marginheight=0>\n</frameset></html>\n')
filelist = '<xml xmlns:o="urn:schemas-microsoft-com:office:office">\n <o:MainFile HRef="../book.htm"/>\n <o:File HRef="sheet001.htm"/>\n</xml>\n'
doc = b'MIME-Version: 1.0\r\nX-Document-Type: Workbook\r\nContent-Type: multipart/related; boundary="' + B.encode() + b'"\r\n\r\n'
doc += '此文档为“单个文件网页”，也称为“Web 档案”文件。如果您看到此消息，但是您的浏览器或编辑器不支持“Web 档案”文件，请下载支持“Web 档案”的浏览器。\r\n\r\n'.encode('gb18030')
doc += part('book.htm', 'text/html; charset="gb2312"', frameset)
doc += part('book.files/sheet001.htm', 'text/html; charset="gb2312"', table)
doc += part('book.files/filelist.xml', 'text/xml; charset="utf-8"', filelist)
doc += f'--{B}--\r\n'.encode()
open(out, 'wb').write(doc)
