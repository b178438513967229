package web

import (
	"testing"

	"github.com/lcmonitor/evidence/coverage"
)

// TestClaimNumberNotFoundWords: a claim's number in none of its quotes
// is said to be the claim's (定性描述中的数字未在引文中找到) on the heat map
// and /compare, where it said 数值未在引文中找到 of a qualitative indicator
// that has no 数值 (probe s38, finding 2); a value's number not found
// keeps the value's words, also when a claim misses one too.
func TestClaimNumberNotFoundWords(t *testing.T) {
	cases := []struct {
		name   string
		heat   coverage.Cell
		cmp    coverage.RoundCell
		zh, en string
	}{
		{"定性指标：定性描述中的数字（1200余场）未在引文中找到",
			coverage.Cell{Kind: "qualitative", Claims: 1, Backed: 1, Documents: 1, ClaimsNotFound: 1},
			coverage.RoundCell{Status: coverage.StatusValueNotFound, Claims: 1, Documents: 1, ClaimsNotFound: 1},
			"定性描述中的数字未在引文中找到", "A claim's number not found in its quotes"},
		{"定量指标：数值（732160人）未在引文中找到",
			coverage.Cell{Kind: "quantitative", Values: 1, Documents: 1, ValuesNotFound: 1},
			coverage.RoundCell{Status: coverage.StatusValueNotFound, Documents: 1, ValuesNotFound: 1},
			"数值未在引文中找到", "Number not found in its quote"},
		{"数值与定性描述中的数字都未找到：说数值",
			coverage.Cell{Kind: "quantitative", Values: 1, Claims: 1, Backed: 1, Documents: 1, ValuesNotFound: 1, ClaimsNotFound: 1},
			coverage.RoundCell{Status: coverage.StatusValueNotFound, Claims: 1, Documents: 1, ValuesNotFound: 1, ClaimsNotFound: 1},
			"数值未在引文中找到", "Number not found in its quote"},
	}
	for _, c := range cases {
		if class, symbol, zh := CellLook(Chinese, c.heat); class != "valuenotfound" || symbol != "？" || zh != c.zh {
			t.Errorf("heat map, %s: %q %q %q, want valuenotfound ？ %q", c.name, class, symbol, zh, c.zh)
		}
		if _, _, en := CellLook(English, c.heat); en != c.en {
			t.Errorf("heat map in English, %s: %q, want %q", c.name, en, c.en)
		}
		key := compareStatusKey(c.cmp)
		if zh, en := tr(Chinese, key), tr(English, key); zh != c.zh || en != c.en {
			t.Errorf("/compare, %s: %s = %q / %q, want %q / %q", c.name, key, zh, en, c.zh, c.en)
		}
	}
}
