package catalog

import "testing"

// TestCodeAsTypedFoldsWidthsAlone: a code typed by a Chinese input method
// (full-width digits and dots, 指标 before it, spaces) is the framework's;
// a superscript or circled digit after it stays what it is, a mark that
// names no indicator, where NFKC made it a digit of the code (2.3.1² was
// 2.3.12, another indicator's code in a framework with two-digit parts).
func TestCodeAsTypedFoldsWidthsAlone(t *testing.T) {
	for _, tt := range []struct{ typed, want string }{
		{"2．3．1", "2.3.1"},
		{"２.３.１", "2.3.1"},
		{"指标2.3.1", "2.3.1"},
		{"指标 ２．３．１", "2.3.1"},
		{"\u30002．3．1\u3000", "2.3.1"},
		{"2.3.1²", "2.3.1²"},
		{"2.3.1¹", "2.3.1¹"},
		{"2.3.①", "2.3.①"},
		{"指标体系", "指标体系"},
	} {
		if got := CodeAsTyped(tt.typed); got != tt.want {
			t.Errorf("CodeAsTyped(%q) = %q, want %q", tt.typed, got, tt.want)
		}
	}
}
