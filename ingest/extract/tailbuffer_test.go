package extract

import (
	"fmt"
	"strings"
	"testing"
)

// A child that dies says why first ("fatal error: runtime: out of
// memory") and then prints its stack, which a deep parser makes longer
// than the tail kept: the reason must survive, or a file too complex for
// the memory limit is called damaged.
func TestTailBufferKeepsTheFirstWordsOfALongCrash(t *testing.T) {
	for _, tt := range []struct {
		name   string
		frames int
		want   []string
	}{
		{"short", 10, []string{"fatal error: runtime: out of memory", "image/png.(*decoder).readImagePass 9"}},
		{"longer than the tail", 2000, []string{"fatal error: runtime: out of memory", "image/png.(*decoder).readImagePass 1999"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := &tailBuffer{max: 8192}
			fmt.Fprint(b, "fatal error: runtime: out of memory\n\nruntime stack:\n")
			for i := range tt.frames {
				fmt.Fprintf(b, "image/png.(*decoder).readImagePass %d\n\t/usr/local/go/src/image/png/reader.go:492 +0x88b\n", i)
			}
			got := b.String()
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("kept %d bytes without %q", len(got), w)
				}
			}
			if len(got) > 2*b.max {
				t.Errorf("kept %d bytes, want about %d at most", len(got), b.max)
			}
			b.Reset()
			fmt.Fprint(b, "学分银行.pdf: 第 2 页无法读取")
			if got := b.String(); got != "学分银行.pdf: 第 2 页无法读取" {
				t.Errorf("after Reset: %q, want only what was written since", got)
			}
		})
	}
}
