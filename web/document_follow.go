package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// followedJSON is what follow.js shows of a document while it is read
// (documentFollow): its status, the line a reload of the page would show
// for it in the page's language (docLine, with the OCR's progress while
// it reads), and its title, which reading may have found.
type followedJSON struct {
	Status string `json:"status"`
	Line   string `json:"line"`
	Title  string `json:"title"`
}

// documentFollow answers follow.js's asking about a document being read
// (我的任务, the document page) with the words the server renders for it:
// the script kept its own copy of the status words and showed plain
// 可检索 for a file read unreliably or with pages left out of OCR until
// the page was reloaded; it now shows what docLine says, one rule for
// both. Asked with ?task=<task id> (我的任务 shows the document in that
// task), the line is the task's (taskDocLine): a file failing in a task
// accepted meanwhile says what a reload says, not the advice to upload
// again that an accepted task has no form for (review s46 #10); the task
// is read with its documents, and its words apply only to a file it
// holds, as the page shows it there (Assignments.ShowsDocument). A task
// the person may not see, or that does not hold the document, adds
// nothing. A document the person may not see is the error page (404),
// as the document's own page.
func (h *handler) documentFollow(w http.ResponseWriter, r *http.Request) {
	u := sessionFrom(r).User
	d, err := h.Documents.Get(r.Context(), u, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	l := langOf(r)
	line := docLine(l, d)
	// The task speaks only of a failed file (taskDocLine), and only of
	// one it holds: a document followed with a task it was never handed
	// in for (a URL edited by hand, a file withdrawn meanwhile) keeps its
	// own line (review s47 #5). The task is not read at each poll of a
	// file still being read.
	if id := r.URL.Query().Get("task"); id != "" && d.Status == catalog.StatusFailed {
		a, shown, err := h.Assignments.ShowsDocument(r.Context(), u, id, d.ID)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		if shown {
			line = taskDocLine(l, a.Status, d)
		}
	}
	if done, total, ok := h.Ingest.Progress(d.ID); ok && total > 0 && (d.Status == catalog.StatusStored || d.Status == catalog.StatusExtracted) {
		line += " · " + strings.NewReplacer("{done}", strconv.Itoa(done), "{total}", strconv.Itoa(total)).Replace(tr(l, "upload.ocr"))
	}
	body, err := json.Marshal(followedJSON{Status: string(d.Status), Line: line, Title: d.Title})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if _, err := w.Write(body); err != nil {
		h.Logger.Debug("document follow: write", "document", d.ID, "err", err)
	}
}

// docLine is d's status line as 我的任务 shows it (docStatus) and, for a
// failed document, why it failed: the words of the page and of its live
// update (documentFollow).
func docLine(l Lang, d *catalog.Document) string {
	line := docStatus(l, d)
	if d.Status != catalog.StatusFailed {
		return line
	}
	why := d.ErrorIn(l == English)
	if why == "" {
		why = tr(l, "doc.failed.unknown")
	}
	return line + colon(l) + why
}

// taskDocLine is d's status line on 我的任务 in a task of status: docLine,
// but a file that could not be read in an accepted task says that it does
// not count (tasks.failed_accepted) rather than why to upload it again:
// the task has no form left to upload with. The page and its live update
// (documentFollow with the task) both say it from here.
func taskDocLine(l Lang, status catalog.AssignmentStatus, d *catalog.Document) string {
	if d.Status == catalog.StatusFailed && status == catalog.AssignmentAccepted {
		return docStatus(l, d) + colon(l) + tr(l, "tasks.failed_accepted")
	}
	return docLine(l, d)
}
