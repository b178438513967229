package packs

import (
	"fmt"
	"io"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/report"
)

// ReadmeName is the README's path in a pack.
const ReadmeName = "README.txt"

// writeReadme writes the short note on what the pack holds and how to
// verify it, with and without the archive's own tool, in the report's
// language (Chinese, or English: readmeEN). Lines end in CRLF
// so that Notepad on older Windows shows them. The time is China time with
// its zone, as the pages show it. It starts with a UTF-8 BOM: Notepad
// before Windows 10 reads a Chinese text without one in the local code
// page (GBK) and shows mojibake.
func writeReadme(w io.Writer, p *Pack) error {
	r := p.Report
	if _, err := io.WriteString(w, utf8BOM); err != nil {
		return err
	}
	if r.Lang == report.English {
		if _, err := fmt.Fprintf(w, readmeEN, r.City.EnglishName(), r.City.Code, r.Round, catalog.ShowTime(p.At), p.By, len(p.Docs)); err != nil {
			return err
		}
		if p.Indicator == "" {
			return nil
		}
		_, err := fmt.Fprintf(w, "\r\nThis pack holds the originals of key indicator %s only; the monitoring report still covers all of the city's indicators.\r\n", p.Indicator)
		return err
	}
	if _, err := fmt.Fprintf(w, readme, r.City.Name, r.City.Code, r.Round, catalog.ShowTime(p.At), p.By, len(p.Docs)); err != nil {
		return err
	}
	if p.Indicator == "" {
		return nil
	}
	_, err := fmt.Fprintf(w, catalog.Fullwidth("\r\n本包只收关键指标 %s 的佐证材料原件；监测报告仍为全市全部指标。\r\n"), p.Indicator)
	return err
}

// readme is the README's text. Its punctuation is written in ASCII and
// made full-width next to Chinese by catalog.Fullwidth, so no editor can
// fold it back; the marks Fullwidth cannot tell belong to Chinese (around
// a verb, after a Latin label) are written as escapes. The commands keep
// their ASCII commas and colons.
var readme = catalog.Fullwidth("学习型城市建设监测佐证材料包\r\n" +
	"城市：%s\uFF08%s\uFF09  监测轮次：%d  生成时间：%s  生成人：%s  原件：%d 份\r\n" +
	"\r\n" +
	"包内文件\r\n" +
	"  manifest.csv  文件清单：每个文件一行，依次为路径、SHA-256、文档编号、标题、文号、文号来源、所支撑的关键指标（分号分隔）。\r\n" +
	"                文档编号是档案库给每份材料的编号（见其文档页面的地址），不是发文机关的文号。\r\n" +
	"                文号来源为“填写”“自动识别”或“推断”\uFF1B“推断”的文号由识别出的文字推断而来\uFF0C请核对后再引用。\r\n" +
	"                关键指标后注明\uFF08引文未找到\uFF09\uFF08证据不足\uFF09或\uFF08与证据矛盾\uFF09的\uFF0C文档虽被引用于该指标\uFF0C但引文不在文档中或审核结论不认可\uFF0C不能作为该指标的佐证。\r\n" +
	"                关键指标后注明\uFF08已核实\uFF0C引文在文字中未找到\uFF09的\uFF0C引文不在识别出的文字中\uFF08如扫描件识别有误\uFF09\uFF0C审核专家已对照原件图像判为属实。\r\n" +
	"                关键指标后注明\uFF08数值未在引文中找到\uFF09的\uFF0C所填数值不在所引的文字中\uFF0C尚待审核专家核对\uFF0C核对前不宜作为该数值的佐证。\r\n" +
	"                关键指标后注明\uFF08本轮已退回\uFF09的\uFF0C文档曾为该指标的任务提交\uFF0C本轮已被协调员退回且未再提交\uFF0C不能作为该指标本轮的佐证。\r\n" +
	"                标题后注明\uFF08文档已删除\uFF09的文档已从档案库中删除\uFF0C不再作为佐证材料\uFF0C原件仅供核对。\r\n" +
	"                标题后注明\uFF08沿用上一轮\uFF0C待确认\uFF09的文档由上一轮结转而来\uFF0C本轮尚未确认沿用\uFF0C暂不作为本轮的佐证材料。\r\n" +
	"  originals/    佐证材料原件，与上传时逐字节相同；文件名为“文档编号-标题.扩展名”。\r\n" +
	"  report.xlsx   本轮监测报告。\r\n" +
	"  README.txt    本说明。\r\n" +
	"\r\n" +
	"如何核验\r\n" +
	"1. 用档案库程序（不需联网）：\r\n" +
	"     evidence verify-pack 佐证材料包.zip\r\n" +
	"   逐个重新计算 SHA-256 并与 manifest.csv 比对；全部一致时显示“核验通过”，\r\n" +
	"   否则逐项列出内容不一致、缺失或清单外多出的文件，并以状态码 1 退出。\r\n" +
	"2. 不用档案库程序：解压后在解压目录中计算每个文件的 SHA-256，与 manifest.csv 的 sha256 列逐行比对。\r\n" +
	"     Linux\uFF1Atail -n +2 manifest.csv | cut -d, -f1,2 | awk -F, '{print $2\"  \"$1}' | sha256sum -c\r\n" +
	"     macOS：同上，把最后的 sha256sum -c 换成 shasum -a 256 -c\r\n" +
	"     Windows\uFF1Acertutil -hashfile originals\\文件名 SHA256\r\n" +
	"3. 原件的 SHA-256 也是它在档案库中的编号，可与档案库文档页面上显示的 SHA-256 对照。\r\n")

// readmeEN is the README's text in an English pack. The originals keep
// their names, and the pack's file name is the one the user saved.
var readmeEN = "Learning city monitoring: evidence pack\r\n" +
	"City: %s (%s)  Round: %d  Made: %s  By: %s  Originals: %d\r\n" +
	"\r\n" +
	"What the pack holds\r\n" +
	"  manifest.csv  the list of files, one a line: path, SHA-256, document id, title, document number, where the number came from, key indicators backed (separated by semicolons).\r\n" +
	"                A document number's source is typed, auto-read or inferred; an inferred one was guessed from what was read: check it before citing it.\r\n" +
	"                An indicator marked (quote not found), (insufficient evidence) or (contradicted by the evidence) cites the document, but its quote is not in it or a reviewer did not accept it: it is no evidence of that indicator.\r\n" +
	"                An indicator marked (verified; quote not found in the text) cites a quote that is not in the text read (a scan misread, say), and a reviewer verified it against the original's image.\r\n" +
	"                An indicator marked (number not found in its quote) cites a quote that does not write the value recorded, and no reviewer has checked it yet: do not take it as evidence of the value before then.\r\n" +
	"                An indicator marked (returned this round) is one the document was handed in for on a task, and the coordinator returned it this round and nobody handed it in again: it is no evidence of that indicator in this round.\r\n" +
	"                A title marked (document deleted) is a document deleted from the archive: no longer evidence, its original kept for checking only.\r\n" +
	"                A title marked (carried over from the last round, to confirm) came from the last round and is not confirmed for this one: not yet this round's evidence.\r\n" +
	"  originals/    the evidence documents' originals, byte for byte as uploaded, named \"document id-title.extension\".\r\n" +
	"  report.xlsx   the round's monitoring report.\r\n" +
	"  README.txt    this note.\r\n" +
	"\r\n" +
	"How to verify it\r\n" +
	"1. With the archive's program (no network needed):\r\n" +
	"     evidence verify-pack PACK.zip\r\n" +
	"   hashes every file again and compares it with manifest.csv; it says \"Verified\" when all match,\r\n" +
	"   else lists each file that differs, is missing or is not in the manifest, and exits with status 1.\r\n" +
	"2. Without it: unzip the pack, compute each file's SHA-256 in the unzipped folder and compare it with the sha256 column of manifest.csv.\r\n" +
	"     Linux: tail -n +2 manifest.csv | cut -d, -f1,2 | awk -F, '{print $2\"  \"$1}' | sha256sum -c\r\n" +
	"     macOS: the same, with shasum -a 256 -c in place of sha256sum -c\r\n" +
	"     Windows: certutil -hashfile originals\\FILE SHA256\r\n" +
	"3. An original's SHA-256 is also its number in the archive: compare it with the SHA-256 on the document's page there.\r\n"
