package web

import (
	"net/http"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// rereadSection is the admin page's 重新读取: what newer readers would
// read otherwise, and the latest run on this server.
type rereadSection struct {
	Count ingest.OutdatedCount
	Run   *ingest.RereadRun
	// Error is why the latest run stopped short, in the page's language.
	Error string
	// Uncounted says the count failed: the section is shown without it
	// (the run's state and the button still), not the whole page failed.
	Uncounted bool
}

// rereadSection counts the outdated documents for the admin page.
func (h *handler) rereadSection(r *http.Request) (*rereadSection, error) {
	sec := &rereadSection{Run: h.Ingest.RereadState()}
	c, err := h.Ingest.CountOutdated(r.Context())
	if err != nil {
		if r.Context().Err() != nil {
			return nil, err
		}
		h.Logger.Warn("count the documents to read again", "err", err)
		sec.Uncounted = true
	}
	sec.Count = c
	if sec.Run != nil && sec.Run.Err != nil {
		sec.Error = errorText(langOf(r), sec.Run.Err)
	}
	return sec, nil
}

// adminReread starts reading again, on the running server, what older
// readers read (the CLI's `repair --outdated`); a run already going is
// said, not started twice.
func (h *handler) adminReread(w http.ResponseWriter, r *http.Request) {
	if !h.requireAdmin(w, r) {
		return
	}
	err := h.Ingest.StartReread(sessionFrom(r).User)
	if catalog.ErrorCode(err) == catalog.ECONFLICT {
		back(w, r, "/admin#reread", errorText(langOf(r), err))
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	back(w, r, "/admin#reread", tr(langOf(r), "admin.reread.started"))
}
