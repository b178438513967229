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

// TestProvinceAndDistrictCodesSayWhichCodeToGive: a province's code
// (330000 浙江省) or a district's (330102 上城区) is no city an admin
// should add: each is told which code a city takes instead, in both
// languages, while a municipality (500000 重庆) is a city still to add
// and its districts (110101 东城区) are told to give 110000.
func TestProvinceAndDistrictCodesSayWhichCodeToGive(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	tests := []struct {
		code, zh, en string
	}{
		{"330000", "“330000”是省级行政区划代码：城市代码应为地市级代码（如 330100）", "a city code is a prefecture-level city's (such as 330100)"},
		{"330102", "“330102”是区县级行政区划代码：请填写其所属城市的代码 330100", "give the code of the city it lies in, 330100"},
		{"110101", "“110101”是区县级行政区划代码：请填写其所属城市的代码 110000", "give the code of the city it lies in, 110000"},
		{"500000", "城市代码“500000”尚未添加", "has not been added"},
		{"330300", "城市代码“330300”尚未添加", "has not been added"},
	}
	for _, tt := range tests {
		_, err := s.City(ctx, tt.code)
		if ErrorCode(err) != ENOTFOUND {
			t.Errorf("City(%s): %v, want ENOTFOUND", tt.code, err)
			continue
		}
		zh, en := MessageIn(err, false), MessageIn(err, true)
		if !strings.Contains(zh, tt.zh) {
			t.Errorf("City(%s) in Chinese: %q, want %q", tt.code, zh, tt.zh)
		}
		if !strings.Contains(en, tt.en) || !strings.Contains(en, tt.code) {
			t.Errorf("City(%s) in English: %q, want %q", tt.code, en, tt.en)
		}
		if tt.code != "500000" && tt.code != "330300" && strings.Contains(zh, "city add") {
			t.Errorf("City(%s) is no city to add, yet told to add it: %q", tt.code, zh)
		}
	}
}
