package catalog

import (
	"encoding/base64"
	"strings"
	"time"
)

// DocumentCursor is where a listing of documents in order sort goes on
// after d (DocumentFilter.After), or stops before it (DocumentFilter.Before):
// an opaque token for the API's next and the web list's links. Paging by
// it holds while others write, as paging by offset does not: a document
// uploaded between two pages (at the top of a newest-first list) pushed a
// read one onto the next page, read twice, and one deleted pulled an
// unread one onto a page already read, never seen.
func DocumentCursor(d *Document, sort DocumentSort) string {
	key := "u " + formatTime(d.UploadedAt) + " " + d.ID
	if sort == SortIssued {
		key = "i " + d.IssuedOn + " " + formatTime(d.UploadedAt) + " " + d.ID
	}
	return base64.RawURLEncoding.EncodeToString([]byte(key))
}

// documentKey is a document's place in a listing, read from a cursor.
type documentKey struct {
	issued   string // SortIssued only
	uploaded string
	id       string
}

// parseDocumentCursor reads a DocumentCursor of a listing in order sort,
// given as the parameter field ("after" or "before").
func parseDocumentCursor(s string, sort DocumentSort, field string) (documentKey, error) {
	bad := FieldErrorf(field, EINVALID, "%s 不是有效的翻页位置：请用上一页答复中的 next，或从第一页重新列出", field)
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return documentKey{}, bad
	}
	parts := strings.Split(string(raw), " ")
	var k documentKey
	switch {
	case sort == SortIssued && len(parts) == 4 && parts[0] == "i":
		k = documentKey{issued: parts[1], uploaded: parts[2], id: parts[3]}
	case sort != SortIssued && len(parts) == 3 && parts[0] == "u":
		k = documentKey{uploaded: parts[1], id: parts[2]}
	default:
		// Another order's cursor: its place means nothing in this one.
		return documentKey{}, bad
	}
	if _, err := time.Parse(timeLayout, k.uploaded); err != nil || k.id == "" {
		return documentKey{}, bad
	}
	return k, nil
}

// documentOrder is the ORDER BY of a listing in order sort, newest first,
// or reversed (to read the page before a cursor).
func documentOrder(sort DocumentSort, reversed bool) string {
	dir := "DESC"
	if reversed {
		dir = "ASC"
	}
	order := `uploaded_at ` + dir + `, id ` + dir
	if sort == SortIssued {
		// An empty date sorts below every date as text: undated last.
		order = `issued_on ` + dir + `, ` + order
	}
	return order
}

// documentBeyond is the condition of the documents past k in the
// listing's order (before it when reversed), with its arguments.
func documentBeyond(k documentKey, sort DocumentSort, reversed bool) (string, []any) {
	op := "<"
	if reversed {
		op = ">"
	}
	cond := `(uploaded_at ` + op + ` ? OR (uploaded_at = ? AND id ` + op + ` ?))`
	args := []any{k.uploaded, k.uploaded, k.id}
	if sort == SortIssued {
		cond = `(issued_on ` + op + ` ? OR (issued_on = ? AND ` + cond + `))`
		args = append([]any{k.issued, k.issued}, args...)
	}
	return cond, args
}
