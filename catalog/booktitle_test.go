package catalog

import "testing"

func TestBookTitleTurnsInnerMarksIntoSingleOnes(t *testing.T) {
	for _, tc := range []struct{ title, zh, en string }{
		{"杭州市社区教育发展报告", "《杭州市社区教育发展报告》", "“杭州市社区教育发展报告”"},
		{"关于印发《杭州市终身教育促进条例实施办法》的通知", "《关于印发〈杭州市终身教育促进条例实施办法〉的通知》",
			"“关于印发《杭州市终身教育促进条例实施办法》的通知”"},
		{"《中华人民共和国教育法》与《职业教育法》学习材料", "《〈中华人民共和国教育法〉与〈职业教育法〉学习材料》",
			"“《中华人民共和国教育法》与《职业教育法》学习材料”"},
		{"", "《》", "“”"},
	} {
		if got := BookTitle(tc.title); got != tc.zh {
			t.Errorf("BookTitle(%q) = %q, want %q", tc.title, got, tc.zh)
		}
		if got := TitleWords(tc.title); got.Chinese != tc.zh || got.English != tc.en {
			t.Errorf("TitleWords(%q) = %+v, want %q / %q", tc.title, got, tc.zh, tc.en)
		}
	}
}
