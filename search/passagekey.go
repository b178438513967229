package search

import (
	"context"
	"regexp"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
	"golang.org/x/text/width"
)

// A query longer than a query may be (LongQuery), a passage pasted to
// find where it comes from, travels in no address: the web keeps it under
// a short key (KeepPassage) and its search's address names the key
// (?passage=KEY), which Passage reads back; the API takes it in a POST
// body. Kept in the catalog, a key works on every node and after a
// restart.

// LongQuery reports whether q is longer than a query may be
// (maxQueryRunes once its widths are folded), so that it is read as a
// pasted passage: the query an address should not carry.
func LongQuery(q string) bool {
	if utf8.RuneCountInString(q) <= maxQueryRunes {
		return false
	}
	return utf8.RuneCountInString(catalog.DropInvisible(width.Fold.String(q))) > maxQueryRunes
}

// passageKey matches a key KeepPassage gives.
var passageKey = regexp.MustCompile(`^[0-9a-f]{32}$`)

// KeepPassage keeps passage, a long query (LongQuery) u pasted, with u's
// scope (catalog.User.PassageScope: only accounts that see every city u
// sees may read it back) under its key (catalog.Store.PassageKey: an HMAC
// of the scope and the text under the archive's secret, so that no one
// can compute a text's key to learn whether it was pasted), and returns
// the key. It is idempotent. A passage longer than a passage may be is
// refused (EINVALID) as its search would be, and nothing is kept.
func (s *Service) KeepPassage(ctx context.Context, u *catalog.User, passage string) (string, error) {
	if utf8.RuneCountInString(passage) > maxPassageRunes {
		return "", catalog.Errorf(catalog.EINVALID, "粘贴的段落过长（超过 %d 字），请只粘贴要查找出处的一段", maxPassageRunes)
	}
	scope := u.PassageScope()
	key, err := s.cat.PassageKey(ctx, scope, passage)
	if err != nil {
		return "", err
	}
	if err := s.cat.KeepPassage(ctx, key, scope, passage); err != nil {
		return "", err
	}
	return key, nil
}

// Passage returns the passage kept under key (KeepPassage) to u; ENOTFOUND
// for a key that names none (never kept, forgotten unused, or mistyped)
// and, alike, for one u may not read (catalog.User.CanReadPassage).
func (s *Service) Passage(ctx context.Context, u *catalog.User, key string) (string, error) {
	if !passageKey.MatchString(key) {
		return "", catalog.Errorf(catalog.ENOTFOUND, "检索段落的编号 %q 无效：链接可能不完整，请重新粘贴段落检索", key)
	}
	return s.cat.Passage(ctx, u, key)
}

// MaxQueryRunes is the longest query read as a query; a longer one is
// read as a pasted passage (LongQuery).
const MaxQueryRunes = maxQueryRunes
