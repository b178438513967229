package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// deletedCopyJSON names the deleted document whose bytes an upload sent
// again (ingest.DeletedCopyError): the uploader restores it rather than
// keep a second document without its links and citations.
type deletedCopyJSON struct {
	ID        string    `json:"id"`
	Title     string    `json:"title"`
	Filename  string    `json:"filename"`
	Deleted   bool      `json:"deleted"`
	DeletedAt time.Time `json:"deleted_at,omitzero"`
	DeletedBy string    `json:"deleted_by,omitempty"`
	// Restore is the address that restores it (POST), for an uploader
	// who may restore it only.
	Restore string `json:"restore,omitempty"`
}

// deletedCopyOf is the deleted document err refuses a file for, or nil.
func deletedCopyOf(err error) *deletedCopyJSON {
	dc := ingest.AsDeletedCopy(err)
	if dc == nil {
		return nil
	}
	d := dc.Copy.Document
	out := &deletedCopyJSON{ID: d.ID, Title: d.Title, Filename: d.Filename, Deleted: true, DeletedAt: dc.Copy.DeletedAt,
		DeletedBy: dc.Copy.DeletedBy}
	if dc.MayRestore {
		// Offered to whoever may restore it only: a department's
		// contributor is told to ask the coordinator.
		out.Restore = "/api/v1/documents/" + d.ID + "/restore"
	}
	return out
}

// handleDocumentRestore brings a deleted document back
// (documents.Service.Restore) and answers it as it is now, with what
// came back: its indicators and the claims and values citing it.
func (h *handler) handleDocumentRestore(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	d, restored, err := h.Documents.Restore(r.Context(), u, r.PathValue("id"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	v, err := h.Documents.View(r.Context(), u, d.ID)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	claims, values := []string{}, []string{}
	for _, c := range restored.Citing {
		if id, ok := strings.CutPrefix(c, "claim:"); ok {
			claims = append(claims, id)
		} else if id, ok := strings.CutPrefix(c, "value:"); ok {
			values = append(values, id)
		}
	}
	indicators := restored.Indicators
	if indicators == nil {
		indicators = []string{}
	}
	out := map[string]any{"restored": d.ID, "document": toDocumentView(v),
		"indicators": indicators, "claims": claims, "values": values}
	givenBack, kept := restoredDependents(restored)
	out["given_back"], out["kept"] = givenBack, kept
	if len(restored.Kept) > 0 {
		words := catalog.KeptWords(len(restored.Kept))
		out["message"], out["message_en"] = words.Chinese, words.English
	}
	h.writeJSON(w, r, http.StatusOK, out)
}

// restoredDependents answers what the deletion sent back and the restore
// gave back (claims' and values' verdicts, tasks' statuses, by ID) and
// what it left as it is (their IDs), each by kind.
func restoredDependents(restored catalog.Restored) (givenBack map[string]map[string]string, kept map[string][]string) {
	claims, values, tasks := catalog.GivenBackOf(restored.GivenBack)
	givenBack = map[string]map[string]string{"claims": claims, "values": values, "tasks": tasks}
	kept = map[string][]string{"claims": {}, "values": {}, "tasks": {}}
	for _, o := range restored.Kept {
		kind, id, _ := strings.Cut(o, ":")
		switch kind {
		case "claim":
			kept["claims"] = append(kept["claims"], id)
		case "value":
			kept["values"] = append(kept["values"], id)
		default:
			kept["tasks"] = append(kept["tasks"], id)
		}
	}
	return givenBack, kept
}
