package spreadsheet

import "testing"

func TestNeutralizeAndRestore(t *testing.T) {
	for _, tt := range []struct{ in, out string }{
		{`=HYPERLINK("http://evil.example","点击")`, `'=HYPERLINK("http://evil.example","点击")`},
		{"+1+1", "'+1+1"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"'=1", "''=1"},
		{"'平常的引号", "'平常的引号"},
		{"学分银行", "学分银行"},
		{"2.3.1", "2.3.1"},
		{"", ""},
	} {
		if got := Neutralize(tt.in); got != tt.out {
			t.Errorf("Neutralize(%q) = %q, want %q", tt.in, got, tt.out)
		}
		if back := Restore(Neutralize(tt.in)); back != tt.in {
			t.Errorf("Restore(Neutralize(%q)) = %q", tt.in, back)
		}
	}
}
