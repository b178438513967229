#!/usr/bin/env python3
"""Writes the ledgers (台账) of the spreadsheet fields tests as flat ODS:
python3 mkledgers.py, then soffice --headless --convert-to xlsx (and xls) each."""
import sys
from xml.sax.saxutils import escape
HEAD='''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
{meta}<office:body><office:spreadsheet>
'''
def cell(v, span=1):
    a = f' table:number-columns-spanned="{span}"' if span>1 else ''
    if v == '': return '<table:table-cell/>'
    if isinstance(v,(int,float)):
        return f'<table:table-cell office:value-type="float" office:value="{v}"{a}><text:p>{v}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="string"{a}><text:p>{escape(v)}</text:p></table:table-cell>'
def sheet(name, rows, width):
    out=[f'<table:table table:name="{escape(name)}">']
    for r in rows:
        out.append('<table:table-row>')
        if isinstance(r,str):
            out.append(cell(r,width)+'<table:covered-table-cell/>'*(width-1))
        else:
            out.extend(cell(c) for c in r)
        out.append('</table:table-row>')
    out.append('</table:table>')
    return ''.join(out)
def write(fn, sheets, meta=''):
    with open(fn,'w',encoding='utf-8') as f:
        f.write(HEAD.format(meta=meta)+''.join(sheets)+'</office:spreadsheet></office:body></office:document>')

hdr=['序号','责任单位','工作任务','依据文件','完成时限','完成情况']
data=[
 [1,'市教育局','牵头建设学分银行平台','杭教职成〔2023〕5号','2024年6月30日','已上线试运行'],
 [2,'市人力社保局','职业技能等级证书转换学分','浙人社发〔2022〕12号','2024年9月30日','推进中'],
 [3,'市财政局','落实学分银行运行经费','杭财教〔2023〕41号','2024年12月31日','已完成'],
]
# A: merged title row, date line under the table, sheet Sheet1
write('学分银行台账报送.fods',[sheet('Sheet1',['2024年学分银行建设工作台账',hdr]+data+['填报单位：杭州市教育局　　填报日期：2024年7月5日'],6)])
# B: no title row, meaningful sheet name
write('附件2.fods',[sheet('社区学校建设情况',[['区县','社区学校名称','依据文件','截止日期'],
 ['上城区','湖滨街道社区学校','杭教职成〔2021〕9号','2023年12月31日'],
 ['拱墅区','米市巷街道社区学校','杭教职成〔2021〕9号','2023年12月31日']],4)])
# C: Sheet1, header on top
# C carries the times the workbook was created and saved, which are no 成文日期
write('学习型城市建设任务分解表.fods',[sheet('Sheet1',[hdr]+data,6)],
 '<office:meta><meta:creation-date>2021-03-02T10:00:00</meta:creation-date><dc:date>2024-07-08T09:00:00</dc:date></office:meta>')
