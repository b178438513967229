package spreadsheet

import "testing"

func TestMisdecoded(t *testing.T) {
	for _, tt := range []struct {
		name    string
		records [][]string
		want    bool
	}{
		// 指标编码 and 责任单位 as Windows-1252 reads their UTF-8 bytes
		// (标 holds a non-breaking space, A0).
		{"UTF-8 read as Windows-1252", [][]string{{"æŒ‡æ\u00a0‡ç¼–ç\u00a0", "è´£ä»»å\u008d•ä½\u008d"}, {"2.3.1", "å¸‚æ•™è‚²å±€"}}, true},
		// As LibreOffice gives the bytes 1252 leaves undefined.
		{"LibreOffice's private-use bytes", [][]string{{"è´£ä»»å\uf18d•ä½\uf18d"}}, true},
		{"a Chinese heading", [][]string{{"指标编码", "责任单位"}, {"2.3.1", "市教育局"}}, false},
		{"Chinese beside a Latin word", [][]string{{"指标编码", "Café"}, {"2.3.1", "å¸‚æ•™è‚²å±€"}}, false},
		{"Latin words", [][]string{{"Café", "Größe", "naïve"}}, false},
		{"ASCII headings", [][]string{{"indicator", "department", "due"}}, false},
	} {
		if got := Misdecoded(tt.records); got != tt.want {
			t.Errorf("%s: Misdecoded(%q) = %v, want %v", tt.name, tt.records, got, tt.want)
		}
	}
}
