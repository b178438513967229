package web

import "github.com/lcmonitor/evidence/catalog"

// The words naming a deleted document's newer version, on a value's page
// and beside a claim's citation alike (the "newer-version" template),
// kept apart from i18n.go so that they merge cleanly. Each says how the
// newer document holds the deleted one's text (catalog.Store.NewerVersion).
func init() {
	for k, m := range newerMessages {
		m[Chinese] = catalog.TypedText(m[Chinese])
		messages[k] = m
	}
}

var newerMessages = map[string]map[Lang]string{
	"newer.near": {Chinese: "该佐证材料已有新版本，可据此核对",
		English: "A newer version of this document, to check against"},
	"newer.part_of": {Chinese: "较新的文件包含该佐证材料的全部文字，可据此核对",
		English: "A newer document holds all of this document's text, to check against"},
	"newer.contains": {Chinese: "较新的文件只含该佐证材料的部分文字，所引原文不一定在其中",
		English: "A newer document holds only part of this document's text; the quoted passage may not be in it"},
}

// newerVersion is what the "newer-version" template shows: n, a deleted
// document's newer version (nil: nothing), with the words for its
// relation and the element's id.
func newerVersion(l Lang, n *catalog.NearDuplicate, id string) map[string]any {
	if n == nil {
		return nil
	}
	return map[string]any{"L": l, "N": n, "ID": id, "Label": "newer." + string(n.Relation)}
}
