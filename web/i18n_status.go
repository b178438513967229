package web

import "github.com/lcmonitor/evidence/catalog"

// The words of indicator statuses added after i18n.go, kept apart so that
// they merge cleanly; they join messages at start-up, with full-width
// punctuation as the rest.
func init() {
	for k, m := range statusMessages {
		m[Chinese] = catalog.TypedText(m[Chinese])
		messages[k] = m
	}
}

var statusMessages = map[string]map[Lang]string{
	"compare.status.contradicted": {Chinese: "与证据矛盾", English: "Contradicted by evidence"},
	"compare.status.insufficient": {Chinese: "证据不足", English: "Insufficient evidence"},
}
