package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// A node of several whose index has not caught up with the shared catalog
// answers /readyz 503 and says why in Chinese with full-width punctuation
// and in English.
func TestReadyzWhileTheIndexCatchesUp(t *testing.T) {
	te := testenv.New(t)
	d := te.Services(nil)
	// A node sharing its catalog whose follower has not run yet.
	d.Ingest = ingest.New(te.Catalog, te.Blobs, te.Index, ingest.Config{TempDir: t.TempDir(), Shared: true, Node: "b", Logger: te.Logger})
	t.Cleanup(d.Ingest.Close)
	srv := httptest.NewServer(NewHandler(d))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Ready   bool   `json:"ready"`
		Error   string `json:"error"`
		ErrorEn string `json:"error_en"`
	}
	json.NewDecoder(resp.Body).Decode(&body)
	if resp.StatusCode != http.StatusServiceUnavailable || body.Ready {
		t.Fatalf("readyz before catching up: %d %+v, want 503 not ready", resp.StatusCode, body)
	}
	if !strings.Contains(body.Error, "索引正在追赶目录") || strings.ContainsAny(body.Error, ",;:") {
		t.Errorf("readyz error %q, want the reason in full-width punctuation", body.Error)
	}
	if body.ErrorEn == "" {
		t.Errorf("readyz error has no English (error_en): %+v", body)
	}
}

// unusableIndex is an index that says it may not be used, as index.Bleve
// does after a write failed on a full disk (index TestIndexOnARealFullDisk
// fills a real disk).
type unusableIndex struct {
	idx index.Index
	why error
}

func (u unusableIndex) Index(ctx context.Context, docs []index.Document) error {
	return u.idx.Index(ctx, docs)
}
func (u unusableIndex) Delete(ctx context.Context, ids ...string) error {
	return u.idx.Delete(ctx, ids...)
}
func (u unusableIndex) Search(ctx context.Context, q index.Query) (*index.Result, error) {
	return nil, u.why
}
func (u unusableIndex) Count() (uint64, error)                    { return u.idx.Count() }
func (u unusableIndex) IDs(ctx context.Context) ([]string, error) { return u.idx.IDs(ctx) }
func (u unusableIndex) Close() error                              { return u.idx.Close() }

func (u unusableIndex) Unusable() error { return u.why }

// An index that may not be used (its disk is full) makes /readyz answer
// 503 not ready, with the index's reason in Chinese and English.
func TestReadyzWhileTheIndexIsUnusable(t *testing.T) {
	te := testenv.New(t)
	d := te.Services(nil)
	why := fmt.Errorf("%w: %w", catalog.Errorf(catalog.EUNAVAILABLE, "索引暂不可用（写入索引时出错，多半是磁盘已满），检索和新文档的索引暂停；请联系管理员清理数据目录所在的磁盘，需要至少 %d MiB 空闲，空间恢复后自动恢复，已读取的文档会自动重新索引", 16), errors.New("no space left on device"))
	d.Ingest = ingest.New(te.Catalog, te.Blobs, unusableIndex{te.Index, why}, ingest.Config{TempDir: t.TempDir(), Logger: te.Logger})
	t.Cleanup(d.Ingest.Close)
	srv := httptest.NewServer(NewHandler(d))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Ready   bool   `json:"ready"`
		Error   string `json:"error"`
		ErrorEn string `json:"error_en"`
	}
	json.NewDecoder(resp.Body).Decode(&body)
	if resp.StatusCode != http.StatusServiceUnavailable || body.Ready {
		t.Fatalf("readyz with an unusable index: %d %+v, want 503 not ready", resp.StatusCode, body)
	}
	if !strings.Contains(body.Error, "磁盘已满") || !strings.Contains(body.ErrorEn, "disk is full") {
		t.Errorf("readyz with an unusable index says %+v, want the full disk named in both languages", body)
	}
}
