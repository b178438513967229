package api

import (
	"bufio"
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/documents"
)

// hungUp is a client that hung up: every write fails.
type hungUp struct{ header http.Header }

func (h *hungUp) Header() http.Header       { return h.header }
func (h *hungUp) WriteHeader(int)           {}
func (h *hungUp) Write([]byte) (int, error) { return 0, errors.New("write: broken pipe") }

// TestDocumentTextStopsForAGoneClient: when the client has hung up (a
// write fails, or the request is cancelled), the text is read no further:
// it was read to its end, and its index cut counted, for nobody.
func TestDocumentTextStopsForAGoneClient(t *testing.T) {
	e := newEnv(t)
	pages := make([]string, 40)
	for i := range pages {
		pages[i] = strings.Repeat("推进学分银行建设，共1,234人。", 5_000) // 190 KB
	}
	id := withBigText(t, e, pages)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for name, sw := range map[string]*startWriter{
		"write fails":       {w: &hungUp{header: http.Header{}}, ctx: context.Background()},
		"request cancelled": {w: &hungUp{header: http.Header{}}, ctx: cancelled},
	} {
		tr, err := e.te.Documents.OpenText(context.Background(), admin, id, documents.TextRequest{})
		if err != nil {
			t.Fatal(err)
		}
		more := tr.Next()
		first, _ := tr.Chunk(nil)
		err = writeTextBody(bufio.NewWriterSize(sw, textHeld), sw.gone, tr, more, first, false)
		if err == nil || tr.Page() > 4 {
			t.Errorf("%s: stopped with %v on page %d of 40; want an error within the first pages", name, err, tr.Page())
		}
		tr.Close()
	}
}
