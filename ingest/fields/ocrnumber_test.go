package fields_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/lcmonitor/evidence/ingest/fields"
)

// TestOCRReadsADocNumberWithMisreadBrackets: the photo of a notice whose
// 文号 OCR read as 甬教终 .2024] 7号 (the DOCX of the same notice reads
// 甬教终〔2024〕7号) has that 文号 when its text is known to be OCR's, and
// not otherwise: a text layer that writes .2024] is no such misreading.
func TestOCRReadsADocNumberWithMisreadBrackets(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "ocr", "yongjiao-photo.txt"))
	if err != nil {
		t.Fatal(err)
	}
	f := fields.ReadOCR([]string{string(b)}, "")
	if f.DocNumber.Value != "甬教终〔2024〕7号" || f.DocNumber.Source != fields.SourceHead {
		t.Errorf("the photo's 文号: %q (%s), want 甬教终〔2024〕7号 read from the head", f.DocNumber.Value, f.DocNumber.Source)
	}
	if f.Title.Value != "关于开展2024年全民终身学习活动周的通知" || f.Issuer.Value != "宁波市教育局" {
		t.Errorf("the photo's title %q, issuer %q; want 关于开展2024年全民终身学习活动周的通知 by 宁波市教育局", f.Title.Value, f.Issuer.Value)
	}
	if f := fields.Read([]string{string(b)}, ""); f.DocNumber.Value != "" {
		t.Errorf("a text not read by OCR: 文号 %q, want none", f.DocNumber.Value)
	}
}

// TestOCRDocNumberMarksOnlyWhereADocNumberStands: the marks OCR makes of a
// 文号's brackets are read only in the head of the first page, on a line
// of the 文号's own; a figure of a sentence, a date, a 文号 cited or one in
// the body stays no 文号.
func TestOCRDocNumberMarksOnlyWhereADocNumberStands(t *testing.T) {
	const title = "\n关于开展2024年全民终身学习活动周的通知\n各区县(市)教育局:\n正文。"
	tests := []struct {
		name, text, want string
	}{
		{"点作开括号", "宁波市教育局文件\n甬教终 .2024] 7号" + title, "甬教终〔2024〕7号"},
		{"逗号与直角引号", "甬教终 , 2024 」 7号" + title, "甬教终〔2024〕7号"},
		{"竖线作闭括号，开括号丢失", "甬教终 2024 | 7号" + title, "甬教终〔2024〕7号"},
		{"全角句号作开括号", "甬教终。2024]7号" + title, "甬教终〔2024〕7号"},
		{"J 作闭括号", "甬教终 (2024 J 7号" + title, "甬教终〔2024〕7号"},
		{"带第的序号", "甬教终 .2024] 第7号" + title, "甬教终〔2024〕第7号"},
		{"与红头和标题连成一行", "宁波市教育局文件甬教终 .2024] 7号关于开展2024年全民终身学习活动周的通知各区县(市)教育局:\n正文。", "甬教终〔2024〕7号"},
		{"同行的签发人", "甬教终 .2024] 7号 签发人:王明" + title, "甬教终〔2024〕7号"},
		{"行前的识别杂字", "ee 甬教终 .2024] 7号" + title, "甬教终〔2024〕7号"},
		{"日期不是文号", "宁波市教育局\n2024年7月1日" + title, ""},
		{"正文中的句子", "关于开展2024年全民终身学习活动周的通知\n各区县(市)教育局:\n市教育局 .2024] 7号\n正文。", ""},
		{"首个句号之后", "关于开展学习活动周的通知。\n甬教终 .2024] 7号", ""},
		{"号后句子未完", "关于开展学习活动周的通知\n市教育局 .2024] 7号文件要求各地做好准备", ""},
		{"号后接汉字", "甬教终 .2024] 7号学校参加" + title, ""},
		{"引用的文号", "根据甬教终 .2024] 7号" + title, ""},
		{"行中句子里的年份", "全市共有社区学校 .2024] 7号" + title, ""},
		{"前缀只有一字", "终 .2024] 7号" + title, ""},
		{"没有号", "甬教终 .2024] 7" + title, ""},
		{"竖线作闭括号的办公厅文号", "湖政办发 2023 | 12号" + title, "湖政办发〔2023〕12号"},
		{"表格一行：人名、年份与编号", "张三 2024 | 3号" + title, ""},
		{"表格一行：三字人名", "学员登记表\n王小明 2024 | 12号\n正文。", ""},
		{"表格竖线隔开的年份与编号", "社区学校统计表\n上城区 2024 | 12号\n下城区 2024 | 15号\n西湖区 2023 | 9号", ""},
		{"文件台账的多行文号", "2024年发文台账\n序号 文号 文件名称\n1 甬教终 .2024] 7号 关于开展终身学习活动周的通知\n2 甬教终 .2024] 9号 关于表彰的决定", ""},
	}
	for _, tt := range tests {
		if got := fields.ReadOCR([]string{tt.text}, "").DocNumber.Value; got != tt.want {
			t.Errorf("%s: ReadOCR(%q) 文号 %q, want %q", tt.name, tt.text, got, tt.want)
		}
	}
}

// TestOCRTitleKeepsAMisreadDraftMark: a 征求意见稿 whose （ OCR read as 〈
// (实施意见〈征求意见稿)) keeps its mark in its title, read as (征求意见稿),
// on a text OCR read; a 〈…〉 that closes is kept as it is.
func TestOCRTitleKeepsAMisreadDraftMark(t *testing.T) {
	const body = "\n\n各区、县 (市) 人民政府，市政府各部门、各直属单位:\n\n为加快构建服务全民终身学习的教育体系。"
	tests := []struct {
		text, want string
	}{
		{"杭州市人民政府办公厅关于推进学习型城市建设的实施意\n见〈征求意见稿)" + body, "杭州市人民政府办公厅关于推进学习型城市建设的实施意见(征求意见稿)"},
		{"关于推进学分银行建设的通知〈征求意见稿)" + body, "关于推进学分银行建设的通知(征求意见稿)"},
		{"关于印发〈杭州市学分银行管理办法〉的通知" + body, "关于印发〈杭州市学分银行管理办法〉的通知"},
	}
	for _, tt := range tests {
		if got := fields.ReadOCR([]string{tt.text}, "").Title.Value; got != tt.want {
			t.Errorf("ReadOCR(%q) title %q, want %q", tt.text, got, tt.want)
		}
	}
}
