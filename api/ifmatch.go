package api

import (
	"net/http"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// ifMatchOf reads the versions a change was built on from the request's
// If-Match header (RFC 9110, 13.1.1): nil when there is none or it is *,
// which leave the check to the service's own read; otherwise the strong
// tags it lists, without their quotes. A weak tag (W/"…") is left out, as
// If-Match compares strongly and a weak tag matches no version: a header
// of weak tags only is an empty list, which no version meets (412). A
// header that is not a list of entity tags is EINVALID, never taken for
// no condition.
func ifMatchOf(r *http.Request) (catalog.IfMatch, error) {
	v := strings.TrimSpace(r.Header.Get("If-Match"))
	if v == "" || v == "*" {
		return nil, nil
	}
	tags := catalog.IfMatch{}
	for rest := v; rest != ""; {
		weak, tag, after, ok := cutEntityTag(rest)
		if !ok {
			return nil, catalog.Errorf(catalog.EINVALID, "If-Match 应为读取时应答的 ETag，原样带引号（多个以逗号分隔），或为 *，收到 %s", v)
		}
		if !weak {
			tags = append(tags, tag)
		}
		rest = strings.TrimLeft(after, " \t")
		if rest != "" {
			if rest, ok = strings.CutPrefix(rest, ","); !ok {
				return nil, catalog.Errorf(catalog.EINVALID, "If-Match 应为读取时应答的 ETag，原样带引号（多个以逗号分隔），或为 *，收到 %s", v)
			}
			rest = strings.TrimLeft(rest, " \t")
		}
	}
	return tags, nil
}

// cutEntityTag reads one entity tag from the start of s: whether it is
// weak, its opaque part without quotes, and what follows it. ok is false
// when s does not start with one, or its tag is empty (no version of
// ours is).
func cutEntityTag(s string) (weak bool, tag, after string, ok bool) {
	s, weak = strings.CutPrefix(s, "W/")
	s, ok = strings.CutPrefix(s, `"`)
	if !ok {
		return false, "", "", false
	}
	end := strings.IndexByte(s, '"')
	if end <= 0 {
		return false, "", "", false
	}
	for _, c := range []byte(s[:end]) {
		// etagc: visible ASCII but the quote, or obs-text.
		if c <= ' ' || c == 0x7f {
			return false, "", "", false
		}
	}
	return weak, s[:end], s[end+1:], true
}

// seenVersions are the versions of a claim or value a verdict is given
// on: the request's If-Match, else the body's version (a client that
// cannot set headers), else nil (none named: the verdict is given on the
// object as it is).
func seenVersions(r *http.Request, version string) (catalog.IfMatch, error) {
	m, err := ifMatchOf(r)
	if err != nil || m != nil {
		return m, err
	}
	if v := strings.Trim(strings.TrimSpace(version), `"`); v != "" {
		return catalog.IfMatch{v}, nil
	}
	return nil, nil
}
