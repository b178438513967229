package web

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestChineseJoinsAreFullWidth: a message appended to another in a flash
// (docs.reopened after docs.deleted: “已删除《…》;1 项…”, probe s36
// finding 10) must not begin or end with an ASCII mark. The source scan
// (catalog/punct_source_test.go) misses these, as the mark touches a
// format verb or the end of the literal rather than a Chinese character.
func TestChineseJoinsAreFullWidth(t *testing.T) {
	for key, m := range messages {
		zh := m[Chinese]
		if !strings.ContainsFunc(zh, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
			continue
		}
		first, _ := utf8.DecodeRuneInString(zh)
		last, _ := utf8.DecodeLastRuneInString(zh)
		if strings.ContainsRune(";,:()", first) || strings.ContainsRune(";,:(", last) {
			t.Errorf("%s: Chinese %q begins or ends with an ASCII mark; a flash that joins it to Chinese text shows it half-width", key, zh)
		}
	}
}

// TestEnglishTitlesInEnglishQuotes: English pages quote a title in “…”,
// never in the Chinese 《…》 (probe s43 #9), as catalog's messages do.
func TestEnglishTitlesInEnglishQuotes(t *testing.T) {
	for key, m := range messages {
		if en := m[English]; strings.ContainsAny(en, "《》") {
			t.Errorf("%s: English %q quotes in 《》", key, en)
		}
	}
}
