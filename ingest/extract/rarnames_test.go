package extract

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestRAREntryNameReadsGBK: a RAR 4 name without its Unicode form comes
// from rardecode as the GBK bytes written, every '\' read as '/'; it is
// read as GB18030, the '/' that was a character's second byte put back,
// and a name in UTF-8 is left as it is.
func TestRAREntryNameReadsGBK(t *testing.T) {
	// asRardecode is name as rardecode gives a RAR 4 name stored in GBK.
	asRardecode := func(name string) string {
		b, err := simplifiedchinese.GB18030.NewEncoder().String(name)
		if err != nil {
			t.Fatal(err)
		}
		return strings.ReplaceAll(b, `\`, "/")
	}
	tests := []struct {
		name, raw, want string
	}{
		{"UTF-8 不变", "材料/学分银行通知.txt", "材料/学分银行通知.txt"},
		{"GBK", asRardecode(`材料\学分银行通知.txt`), "材料/学分银行通知.txt"},
		{"第二字节是反斜杠", asRardecode(`材料\誠信建设承诺书.txt`), "材料/誠信建设承诺书.txt"},
		{"连着两个", asRardecode(`誠誠\淺談.txt`), "誠誠/淺談.txt"},
		{"四字节字符", asRardecode(`材料\学习😀.txt`), "材料/学习😀.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rarEntryName(tt.raw); got != tt.want {
				t.Errorf("rarEntryName(% x) = %q, want %q", tt.raw, got, tt.want)
			}
		})
	}
}
