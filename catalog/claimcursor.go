package catalog

import (
	"encoding/base64"
	"strings"
	"time"
)

// ClaimCursor is where a listing of claims goes on after c, in the
// listing's order (oldest change first, then id): an opaque token for
// ClaimFilter.After and the API's next. Paging by it holds while others
// write, as paging by offset does not: a claim reviewed between two pages
// moves behind the cursor to the end of the list, where the reader meets
// it again changed, instead of pulling an unread claim onto a page already
// read.
func ClaimCursor(c Claim) string {
	return base64.RawURLEncoding.EncodeToString([]byte(formatTime(c.UpdatedAt) + " " + c.ID))
}

// parseClaimCursor reads a ClaimCursor back into the stored change time
// and id it stands after.
func parseClaimCursor(s string) (updated, id string, err error) {
	bad := FieldErrorf("after", EINVALID, "after 不是有效的翻页位置：请用上一页答复中的 next")
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return "", "", bad
	}
	updated, id, ok := strings.Cut(string(raw), " ")
	if _, err := time.Parse(timeLayout, updated); !ok || err != nil || id == "" {
		return "", "", bad
	}
	return updated, id, nil
}
