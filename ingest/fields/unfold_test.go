package fields_test

import (
	"testing"

	"github.com/lcmonitor/evidence/ingest/fields"
)

// TestUnfold: a title read from the folded text takes back the marks the
// head of the document wrote, and only those; a title the head does not
// hold stays as it was read.
func TestUnfold(t *testing.T) {
	tests := []struct {
		name, title, head, want string
	}{
		{"the span found", "关于印发《杭州市学分银行管理办法(试行)》的通知",
			"杭州市教育局文件\n杭教职成〔2018〕5号\n关于印发《杭州市学分银行管理办法（试行）》的通知\n各区、县（市）教育局：",
			"关于印发《杭州市学分银行管理办法（试行）》的通知"},
		{"a colon and a comma", "杭州日报:我市学分银行上线,百万市民受益",
			"杭州日报：我市学分银行上线，百万市民受益\n正文。", "杭州日报：我市学分银行上线，百万市民受益"},
		{"a title wrapped over lines with spaces", "杭州市人民政府办公厅关于印发杭州市学分银行(2018-2020年)建设实施方案的通知",
			"杭州市人民政府办公厅关于印发杭州市学分银行 （ 2018 - 2020年 ）\r\n  建设实施方案的通知\n",
			"杭州市人民政府办公厅关于印发杭州市学分银行（2018-2020年）建设实施方案的通知"},
		{"full-width digits stay half-width", "2018年杭州市社区教育工作总结(征求意见稿)",
			"２０１８年杭州市社区教育工作总结（征求意见稿）", "2018年杭州市社区教育工作总结（征求意见稿）"},
		{"half-width marks written so stay", "关于推进学分银行建设的实施意见(试行)",
			"关于推进学分银行建设的实施意见(试行)\n各区教育局：", "关于推进学分银行建设的实施意见(试行)"},
		{"a full stop and a dash of a number stay folded", "杭州市学分银行(2018-2020年)建设方案2018.06",
			"杭州市学分银行（２０１８－２０２０年）建设方案２０１８．０６", "杭州市学分银行（2018-2020年）建设方案2018.06"},
		{"a slash and a percent sign stay folded", "社区教育覆盖率98%/年度:杭州市",
			"社区教育覆盖率９８％／年度：杭州市", "社区教育覆盖率98%/年度：杭州市"},
		{"none found", "关于推进社区教育的实施意见(试行)", "杭州市终身学习促进条例（草案）\n第一条", "关于推进社区教育的实施意见(试行)"},
		{"no head: a text stored before heads", "杭州市学分银行管理办法(试行)", "", "杭州市学分银行管理办法(试行)"},
		{"a radical the head wrote stays the ideograph", "杭州市人民政府关于推进终身学习的意见(试行)",
			"杭州市⼈⺠政府关于推进终身学习的意见（试行）", "杭州市人民政府关于推进终身学习的意见（试行）"},
	}
	for _, tt := range tests {
		if got := fields.Unfold(tt.title, tt.head); got != tt.want {
			t.Errorf("%s: Unfold(%q) = %q, want %q", tt.name, tt.title, got, tt.want)
		}
	}
}
