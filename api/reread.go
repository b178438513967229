package api

import (
	"net/http"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// rereadJSON is what GET and POST /api/v1/admin/reread answer: how many
// documents newer readers would read otherwise, and the latest run.
type rereadJSON struct {
	Outdated outdatedJSON `json:"outdated"`
	Run      *rereadRun   `json:"run"` // null when none ran since the server started
}

type outdatedJSON struct {
	Documents int `json:"documents"`
	Texts     int `json:"texts"`
	Fields    int `json:"fields"`
	Unknown   int `json:"unknown"` // whose text's reader is not on record
}

type rereadRun struct {
	By         string          `json:"by"`
	Started    time.Time       `json:"started"`
	Finished   *time.Time      `json:"finished,omitempty"`
	Running    bool            `json:"running"`
	Phase      string          `json:"phase"`
	Done       int             `json:"done"`
	Total      int             `json:"total"`
	Queued     []string        `json:"queued"` // the first rereadListMax
	QueuedN    int             `json:"queued_count"`
	Kept       []keptText      `json:"kept"` // the first rereadListMax
	KeptN      int             `json:"kept_count"`
	Read       int             `json:"fields_read"`
	Changed    []changedFields `json:"fields_changed"` // the first rereadListMax
	ChangedN   int             `json:"fields_changed_count"`
	Error      string          `json:"error,omitempty"`
	ErrorEn    string          `json:"error_en,omitempty"`
	Unreadable int             `json:"unreadable"`
	// Heads and HeadsLeft: texts stored before heads were kept, given
	// their head as written (read the same again) or left without.
	Heads     int        `json:"heads_added"`
	HeadsLeft int        `json:"heads_left"`
	Quotes    quotesJSON `json:"quotes"`
}

// quotesJSON is what looking again for the quotes cited in the texts a
// run read anew did (ingest.QuoteChecks): how many were looked for,
// how many marks changed, how many could not be looked for (marked
// 引文待重新核对) and why, and how many texts' quotes could not even be
// marked.
type quotesJSON struct {
	Checked  int          `json:"checked"`
	Changed  int          `json:"changed"`
	Failed   int          `json:"failed"`
	Unmarked int          `json:"unmarked_texts"`
	Reasons  []reasonJSON `json:"reasons"`
}

// reasonJSON is a reason in Chinese and, when it has one, in English.
type reasonJSON struct {
	Reason   string `json:"reason"`
	ReasonEn string `json:"reason_en,omitempty"`
}

type keptText struct {
	ID       string `json:"id"`
	Filename string `json:"filename"`
	Cited    int    `json:"cited"`
	Reason   string `json:"reason,omitempty"`
}

type changedFields struct {
	ID        string `json:"id"`
	Filename  string `json:"filename"`
	Title     string `json:"title"`
	DocNumber string `json:"doc_number"`
	// DocNumberRead is what the text has where DocNumber was inferred
	// from it, as the document JSON gives it: a guess to check.
	DocNumberRead string `json:"doc_number_read,omitempty"`
	Issuer        string `json:"issuer"`
	IssuedOn      string `json:"issued_on"`
}

// handleRereadState answers the count and the latest run (admin).
func (h *handler) handleRereadState(w http.ResponseWriter, r *http.Request) {
	h.writeReread(w, r, http.StatusOK)
}

// handleRereadStart starts reading again what older readers read, in the
// background (admin); a run already going is 409.
func (h *handler) handleRereadStart(w http.ResponseWriter, r *http.Request) {
	if err := h.Ingest.StartReread(userFrom(r.Context())); err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeReread(w, r, http.StatusAccepted)
}

func (h *handler) writeReread(w http.ResponseWriter, r *http.Request, status int) {
	c, err := h.Ingest.CountOutdated(r.Context())
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	out := rereadJSON{Outdated: outdatedJSON{Documents: c.Documents, Texts: c.Texts, Fields: c.Fields, Unknown: c.Unknown}}
	if run := h.Ingest.RereadState(); run != nil {
		out.Run = rereadRunJSON(run)
	}
	h.writeJSON(w, r, status, out)
}

// rereadListMax bounds each list of a run's answer (queued, kept,
// fields_changed), which a large archive's run could make megabytes long;
// the *_count fields say how many there are.
const rereadListMax = 200

func rereadRunJSON(run *ingest.RereadRun) *rereadRun {
	j := &rereadRun{By: run.By, Started: run.Started, Running: run.Running, Phase: run.Phase, Done: run.Done,
		Total: run.Total, Queued: []string{}, Read: run.Fields.Read, Unreadable: run.Fields.Unreadable,
		Heads: run.Fields.Heads, HeadsLeft: run.Fields.HeadsLeft,
		Kept: []keptText{}, Changed: []changedFields{},
		QueuedN: len(run.Queued), KeptN: len(run.Kept), ChangedN: len(run.Fields.Changed)}
	j.Queued = append(j.Queued, run.Queued[:min(len(run.Queued), rereadListMax)]...)
	if !run.Finished.IsZero() {
		j.Finished = &run.Finished
	}
	if run.Err != nil {
		j.Error, j.ErrorEn = catalog.MessageIn(run.Err, false), catalog.MessageIn(run.Err, true)
	}
	j.Quotes = quotesJSON{Checked: run.Quotes.Checked, Changed: run.Quotes.Changed, Failed: run.Quotes.Failed,
		Unmarked: run.Quotes.Unmarked, Reasons: []reasonJSON{}}
	for _, w := range run.Quotes.Reasons {
		j.Quotes.Reasons = append(j.Quotes.Reasons, reasonJSON{Reason: w.Chinese, ReasonEn: w.English})
	}
	for _, k := range run.Kept[:min(len(run.Kept), rereadListMax)] {
		j.Kept = append(j.Kept, keptText{ID: k.Document.ID, Filename: k.Document.Filename, Cited: k.Cited, Reason: k.Reason})
	}
	for _, d := range run.Fields.Changed[:min(len(run.Fields.Changed), rereadListMax)] {
		j.Changed = append(j.Changed, changedFields{ID: d.ID, Filename: d.Filename, Title: d.Title, DocNumber: d.DocNumber,
			DocNumberRead: catalog.DocNumberGuessRead(d), Issuer: d.Issuer, IssuedOn: d.IssuedOn})
	}
	return j
}
