package packs

import "testing"

func TestSafeTitleKeepsChineseNumbers(t *testing.T) {
	for _, tc := range []struct{ title, want string }{
		{"二〇一八年度杭州市社区教育发展报告", "二〇一八年度杭州市社区教育发展报告"},
		{"关于开展二〇一八年全民终身学习活动周的通知", "关于开展二〇一八年全民终身学习活动周的通知"},
		{"《关于印发〈学习型城市建设方案〉的通知》", "《关于印发_学习型城市建设方案_的通知》"},
		{"杭教发〔2018〕125号", "杭教发〔2018〕125号"},
		{"第Ⅲ部分：①社区教育", "第Ⅲ部分_①社区教育"},
		{"../../etc/passwd", "etc_passwd"},
		{"社区教育、老年教育，职业教育", "社区教育_老年教育_职业教育"},
	} {
		if got := safeTitle(tc.title); got != tc.want {
			t.Errorf("safeTitle(%q) = %q, want %q", tc.title, got, tc.want)
		}
	}
}
