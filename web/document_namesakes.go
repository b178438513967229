package web

import (
	"net/http"

	"github.com/lcmonitor/evidence/catalog"
)

// failedNamesakes lists, for a document that did not fail, the failed
// documents of its city under its file name or its title: the copies a
// file sent again after failures leaves behind (扫描件-实施意见 · 处理失败
// beside the good one). They are shown, not removed: a failed document's
// original may be the only copy of what it holds, and with other bytes it
// is another file; its page downloads that original and deletes it for
// those who may. Only those who may edit the city's documents are told.
func (h *handler) failedNamesakes(r *http.Request, u *catalog.User, d *catalog.Document) ([]*catalog.Document, error) {
	if d.Status == catalog.StatusFailed || u.CanEdit(d.City) != nil {
		return nil, nil
	}
	failed, _, err := h.Documents.List(r.Context(), u, catalog.DocumentFilter{City: d.City, Status: catalog.StatusFailed, Limit: 500})
	if err != nil {
		return nil, err
	}
	var same []*catalog.Document
	for _, f := range failed {
		if f.ID != d.ID && f.SHA256 != d.SHA256 && (f.Filename == d.Filename || f.Title == d.Title) {
			same = append(same, f)
		}
	}
	return same, nil
}
