package catalog

import (
	"context"
	"strings"
	"testing"
)

// TestUnknownCitySaysHowToAddIt: a well-formed GB/T 2260 code the catalog
// lacks (320100 南京) is a city not added yet, and its message says how
// an admin adds it, on the admin page or by the CLI, in both languages; a
// malformed code (999999, 33010, 杭州) keeps the message saying what a
// code looks like.
func TestUnknownCitySaysHowToAddIt(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	_, err := s.City(ctx, "320100")
	if ErrorCode(err) != ENOTFOUND {
		t.Fatalf("City(320100): %v, want ENOTFOUND", err)
	}
	zh, en := MessageIn(err, false), MessageIn(err, true)
	for _, want := range []string{"城市代码“320100”尚未添加", "/admin", "evidence city add --code 320100 --name"} {
		if !strings.Contains(zh, want) {
			t.Errorf("320100 in Chinese: %q lacks %q", zh, want)
		}
	}
	for _, want := range []string{"320100", "not been added", "/admin", "evidence city add --code 320100 --name NAME"} {
		if !strings.Contains(en, want) {
			t.Errorf("320100 in English: %q lacks %q", en, want)
		}
	}
	if strings.Contains(zh, "应为 GB/T 2260") {
		t.Errorf("320100 is a well-formed code, yet told what a code looks like: %q", zh)
	}
	for _, code := range []string{"999999", "33010", "杭州", "3201000"} {
		_, err := s.City(ctx, code)
		if msg := MessageIn(err, false); ErrorCode(err) != ENOTFOUND || !strings.Contains(msg, "未知的城市代码") ||
			!strings.Contains(msg, "应为 GB/T 2260 行政区划代码") || strings.Contains(msg, "city add") {
			t.Errorf("City(%q), malformed: %v, want the message saying what a code looks like", code, err)
		}
	}
}
