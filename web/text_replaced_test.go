package web

import (
	"bytes"
	"context"
	"errors"
	"html"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/ingest"
)

// TestATextReplacedInTheStoreIsNotShownAsEvidence: a stored text put
// back with one figure changed (342 → 442), valid JSON, is not the text
// the catalog recorded; the claim citing it keeps its page — statement,
// the other citation's passage, the history — and says of that citation
// which document's text is damaged, rather than failing whole or showing
// the altered page under its mark; the document's page keeps its details
// and says the same; its /text is refused. The other document reads on.
// So for a text that is junk: one damaged text never takes the claim's
// page down with it.
func TestATextReplacedInTheStoreIsNotShownAsEvidence(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func(stored []byte) []byte
	}{
		{"one figure changed", func(stored []byte) []byte { return bytes.Replace(stored, []byte("342场"), []byte("442场"), 1) }},
		{"junk", func([]byte) []byte { return []byte("\x8f\x00{\"pages\":[\"\xff\xfe") }},
	} {
		t.Run(tc.name, func(t *testing.T) { testDamagedStoredText(t, tc.damage) })
	}
}

func testDamagedStoredText(t *testing.T, damage func([]byte) []byte) {
	s := newSite(t)
	ctx := context.Background()
	wangUser := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	altered := s.env.Upload("330100", "总结.txt", "杭州市2017年社区教育工作总结\n全年共举办342场市民大讲堂。")
	other := s.env.Upload("330100", "通知.txt", "关于推进学分银行建设的通知\n全市建成学分银行服务网点120个。")
	c, err := s.env.Claims.Create(ctx, wangUser, claims.Input{Indicator: "3.1.2", Statement: "杭州市全年共举办342场市民大讲堂，建成学分银行服务网点120个",
		Citations: []claims.CitationInput{
			{DocumentID: altered.ID, Page: 1, Quote: "全年共举办342场市民大讲堂"},
			{DocumentID: other.ID, Page: 1, Quote: "全市建成学分银行服务网点120个"},
		}})
	if err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	// Seen once before: the page index kept of the text as it was.
	if resp, body := wang.get("/documents/" + altered.ID); resp.StatusCode != http.StatusOK || !strings.Contains(body, "342场") {
		t.Fatalf("the document before: %d %.500s", resp.StatusCode, textOf(body))
	}

	key := catalog.TextKey(altered.SHA256)
	rc, err := s.env.Blobs.Get(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		t.Fatal(err)
	}
	changed := damage(stored)
	if bytes.Equal(changed, stored) {
		t.Fatalf("the stored text holds no 342场: %s", stored)
	}
	if err := s.env.Blobs.Put(ctx, key, bytes.NewReader(changed), int64(len(changed)), "application/json"); err != nil {
		t.Fatal(err)
	}

	d, err := s.env.Catalog.Document(ctx, altered.ID)
	if err != nil {
		t.Fatal(err)
	}
	resp, body := wang.get("/claims/" + c.ID)
	page := html.UnescapeString(body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("claim page: %d, want it shown: %.1000s", resp.StatusCode, textOf(body))
	}
	for _, want := range []string{"《" + d.Title + "》保存的提取文字已损坏或被替换", "建成学分银行服务网点120个", "<mark>"} {
		if !strings.Contains(page, want) {
			t.Errorf("claim page lacks %q: %.3000s", want, textOf(body))
		}
	}
	if strings.Contains(page, "442") {
		t.Errorf("claim page shows the replaced text: %.3000s", textOf(body))
	}

	resp, body = wang.get("/documents/" + altered.ID)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, `id="text-damaged"`) || strings.Contains(body, "442") {
		t.Errorf("document page: %d, want its details with the text said to be damaged, not the replaced text: %.3000s", resp.StatusCode, textOf(body))
	}
	if !strings.Contains(body, "/documents/"+altered.ID+"/original") {
		t.Errorf("document page: the original's download is gone: %.3000s", textOf(body))
	}
	if _, _, err := s.env.Documents.Text(ctx, wangUser, altered.ID); !errors.Is(err, ingest.ErrBadText) || catalog.ErrorCode(err) != catalog.ECONFLICT {
		t.Errorf("the replaced text read whole: %v, want it refused as damaged (ECONFLICT)", err)
	}
	if _, tx, err := s.env.Documents.Text(ctx, wangUser, other.ID); err != nil || !strings.Contains(strings.Join(tx.Pages, ""), "120个") {
		t.Errorf("the other document's text: %v", err)
	}
	resp, body = wang.get("/documents/" + other.ID)
	if resp.StatusCode != http.StatusOK || strings.Contains(body, `id="text-damaged"`) || !strings.Contains(body, "120个") {
		t.Errorf("the other document's page: %d %.1000s", resp.StatusCode, textOf(body))
	}
}
