package api

import (
	"net/http"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/documents"
)

// bulkJSON is one change made to many documents: metadata (absent fields
// stay), a link to a key indicator, a move to another city, or a delete.
type bulkJSON struct {
	IDs        []string   `json:"ids"`
	Title      *string    `json:"title"`
	DocType    *string    `json:"doc_type"`
	Department *string    `json:"department"`
	Issuer     *string    `json:"issuer"`
	IssuedOn   *string    `json:"issued_on"`
	DocNumber  *string    `json:"doc_number"`
	Round      *roundText `json:"round"`
	Indicator  string     `json:"indicator"`
	City       string     `json:"city"`
	Delete     bool       `json:"delete"`
	// ListedRound is the round of the list the documents were picked
	// from (documents?round=): a round change leaves alone those listed
	// there only through a link (documents.BulkChange.ListedRound).
	ListedRound string `json:"listed_round"`
}

// handleDocumentBulk makes one change to many documents and answers with
// each document's outcome; a change that is wrong in itself (a bad date, a
// move by a coordinator) is refused whole with nothing changed.
func (h *handler) handleDocumentBulk(w http.ResponseWriter, r *http.Request) {
	var in bulkJSON
	if err := readJSON(r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	c := documents.BulkChange{IDs: in.IDs, Indicator: in.Indicator, City: in.City, Delete: in.Delete, ListedRound: in.ListedRound,
		Patch: catalog.DocumentPatch{Title: in.Title, DocType: in.DocType, Department: in.Department, Issuer: in.Issuer,
			IssuedOn: in.IssuedOn, DocNumber: in.DocNumber, Round: (*string)(in.Round)}}
	out, err := h.Documents.Bulk(r.Context(), userFrom(r.Context()), c)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	results := make([]map[string]any, len(out))
	changed := 0
	for i, o := range out {
		// A document whose round was left alone while its other fields
		// were saved is ok, skipped, with the reason; one where nothing
		// was saved is not ok.
		res := map[string]any{"id": o.ID, "ok": o.Err == nil || o.Saved}
		if o.Skipped {
			res["skipped"] = true
		}
		var why *errorDetail
		if o.Err != nil {
			why = &errorDetail{Code: catalog.ErrorCode(o.Err), Message: catalog.ErrorMessage(o.Err), MessageEn: englishOf(o.Err)}
		}
		if o.Err != nil && !o.Saved {
			res["error"] = why
			results[i] = res
			continue
		}
		changed++
		if o.Saved {
			res["reason"] = why
		}
		res["reopened_claims"] = append([]string{}, o.Reopened.Claims...)
		if in.Delete {
			res["reopened_values"] = append([]string{}, o.Reopened.Values...)
			res["reopened_assignments"] = append([]string{}, o.Reopened.Assignments...)
		}
		results[i] = res
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"changed": changed, "results": results})
}
