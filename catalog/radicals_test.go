package catalog

import "testing"

func TestRadicalIdeograph(t *testing.T) {
	tests := []struct {
		radical rune
		want    rune
		ok      bool
	}{
		{'⼈', '人', true},
		{'⺠', '民', true},
		{'⼾', '户', true}, // simplified fonts share 户's glyph with ⼾
		{'⻔', '门', true}, // the supplement's simplified form
		{'⾨', '門', true}, // a simplified font's 門, not its 门 (⻔)
		{'⾺', '馬', true},
		{'人', '人', false},
		{'a', 'a', false},
	}
	for _, tt := range tests {
		got, ok := RadicalIdeograph(tt.radical)
		if got != tt.want || ok != tt.ok {
			t.Errorf("RadicalIdeograph(%q) = %q, %v; want %q, %v", tt.radical, got, ok, tt.want, tt.ok)
		}
	}
}
