package search

import (
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

func TestParseIssuedRange(t *testing.T) {
	tests := []struct {
		from, to         string
		wantFrom, wantTo string
		errField         string
	}{
		{"", "", "", "", ""},
		{"2018", "", "2018-01-01", "", ""},
		{"", "2018", "", "2018-12-31", ""},
		{"2018年3月", "2018年3月", "2018-03-01", "2018-03-31", ""},
		{"2016-02", "2016-02", "2016-02-01", "2016-02-29", ""},
		{"2018.3.20", "2018/03/21", "2018-03-20", "2018-03-21", ""},
		{"２０１７年１月５日", "", "2017-01-05", "", ""},
		{"2018-02-30", "", "", "", "issued_from"},
		{"昨天", "", "", "", "issued_from"},
		{"2019", "2018", "", "", "issued_to"},
	}
	for _, tt := range tests {
		from, to, err := ParseIssuedRange("issued_from", tt.from, "issued_to", tt.to)
		if tt.errField != "" {
			if catalog.ErrorCode(err) != catalog.EINVALID || catalog.ErrorField(err) != tt.errField {
				t.Errorf("%q..%q: err %v, want EINVALID on %s", tt.from, tt.to, err, tt.errField)
			}
			// A person searching in English reads why in English.
			if en := catalog.MessageIn(err, true); en == catalog.MessageIn(err, false) {
				t.Errorf("%q..%q: English message %q", tt.from, tt.to, en)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q..%q: %v", tt.from, tt.to, err)
			continue
		}
		if g := dayOf(from); g != tt.wantFrom {
			t.Errorf("%q: from %s, want %s", tt.from, g, tt.wantFrom)
		}
		if g := dayOf(to); g != tt.wantTo {
			t.Errorf("%q: to %s, want %s", tt.to, g, tt.wantTo)
		}
	}
}

// dayOf is t as YYYY-MM-DD, or "" for the zero time (an open end).
func dayOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func TestParseSort(t *testing.T) {
	for in, want := range map[string]string{"": "", "relevance": "", "issued": "issued", "issued_asc": "issued_asc", "uploaded": "uploaded"} {
		got, err := ParseSort(in)
		if err != nil || string(got) != want {
			t.Errorf("ParseSort(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseSort("date desc"); catalog.ErrorCode(err) != catalog.EINVALID {
		t.Errorf("an unknown order: %v, want EINVALID", err)
	}
}
