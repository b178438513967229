package catalog

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func importSmallFramework(t *testing.T, s *Store, version string, codes ...string) *ImportReport {
	t.Helper()
	inds := []Indicator{
		{Code: "1", Level: 1, Name: "组织保障"},
		{Code: "1.1", ParentCode: "1", Level: 2, Name: "规划与政策法规"},
	}
	for _, c := range codes {
		inds = append(inds, Indicator{Code: c, ParentCode: "1.1", Level: 3, Name: "指标 " + c, Kind: Qualitative, Keywords: []string{"意见"}})
	}
	rep, err := s.ImportFramework(context.Background(), Framework{ID: "demo", Name: "示例", Version: version}, inds, "admin")
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return rep
}

func TestCreateLinksIsAllOrNothing(t *testing.T) { forEachStore(t, testCreateLinksIsAllOrNothing) }

func testCreateLinksIsAllOrNothing(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
	if err := s.CreateDocument(ctx, newDoc("D1", "aa"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	err := s.CreateLinks(ctx, []*Link{
		{DocumentID: "D1", IndicatorCode: "1.1.1", CreatedBy: "zhang"},
		{DocumentID: "D1", IndicatorCode: "1.1", CreatedBy: "zhang"},
	}, false)
	if ErrorCode(err) != EINVALID {
		t.Fatalf("link batch with a level-2 code: %v, want EINVALID", err)
	}
	if links, _ := s.DocumentLinks(ctx, "D1"); len(links) != 0 {
		t.Fatalf("half-applied batch left links %+v", links)
	}
	if err := s.CreateLinks(ctx, []*Link{{DocumentID: "D1", IndicatorCode: "1.1.1", CreatedBy: "zhang"}}, false); err != nil {
		t.Fatal(err)
	}
	err = s.CreateLinks(ctx, []*Link{{DocumentID: "D1", IndicatorCode: "1.1.1", CreatedBy: "li"}}, false)
	var e *Error
	if ErrorCode(err) != ECONFLICT || !errors.As(err, &e) {
		t.Fatalf("duplicate link: %v", err)
	}
	// Named by its title, in both languages, not by its ID.
	if !strings.Contains(e.Message, "《关于建立学分银行的实施意见》已关联指标 1.1.1 指标 1.1.1") || strings.Contains(e.Message, "D1") ||
		!strings.Contains(e.English, "“关于建立学分银行的实施意见” is already linked to indicator 1.1.1") {
		t.Errorf("duplicate link: %q / %q", e.Message, e.English)
	}
	if err := s.CreateLinks(ctx, []*Link{{DocumentID: "D1", IndicatorCode: "1.1.1"}, {DocumentID: "D1", IndicatorCode: "1.1.2"}}, true); err != nil {
		t.Errorf("skipExisting: %v", err)
	}
	inds, _ := s.DocumentIndicators(ctx, []string{"D1"})
	if len(inds["D1"]) != 2 {
		t.Errorf("indicators of D1 %v", inds)
	}
	events, _ := s.Events(ctx, "D1", 10)
	if events[0].Action != "link.create" {
		t.Errorf("latest event %+v", events[0])
	}
}

func TestNewFrameworkVersionKeepsLinks(t *testing.T) {
	forEachStore(t, testNewFrameworkVersionKeepsLinks)
}

func testNewFrameworkVersionKeepsLinks(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
	if err := s.CreateDocument(ctx, newDoc("D1", "aa"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	s.CreateLinks(ctx, []*Link{{DocumentID: "D1", IndicatorCode: "1.1.1"}, {DocumentID: "D1", IndicatorCode: "1.1.2"}}, false)
	rep := importSmallFramework(t, s, "2", "1.1.1", "1.1.3")
	if len(rep.Added) != 1 || rep.Added[0] != "1.1.3" || len(rep.Removed) != 1 || rep.Removed[0] != "1.1.2" {
		t.Errorf("report added %v removed %v", rep.Added, rep.Removed)
	}
	if len(rep.OrphanLinks) != 1 || rep.OrphanLinks[0].IndicatorCode != "1.1.2" {
		t.Errorf("orphans %+v", rep.OrphanLinks)
	}
	fw, inds, err := s.CurrentFramework(ctx)
	if err != nil || fw.Version != "2" || len(inds) != 4 {
		t.Fatalf("current %+v %d %v", fw, len(inds), err)
	}
	if links, _ := s.DocumentLinks(ctx, "D1"); len(links) != 2 {
		t.Errorf("links after new version: %+v", links)
	}
	counts, _ := s.EvidenceCounts(ctx, EvidenceFilter{Kinds: []string{EvidenceLink}})
	if len(counts) != 2 {
		t.Errorf("counts %+v", counts)
	}
}

func TestLinkChangesMarkAnIndexedDocumentForReindexing(t *testing.T) {
	forEachStore(t, testLinkChangesMarkAnIndexedDocumentForReindexing)
}

func testLinkChangesMarkAnIndexedDocumentForReindexing(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1")
	if err := s.CreateDocument(ctx, newDoc("D1", "aa"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	s.SetStatus(ctx, StatusChange{ID: "D1", Status: StatusIndexed})
	l := &Link{DocumentID: "D1", IndicatorCode: "1.1.1"}
	if err := s.CreateLinks(ctx, []*Link{l}, false); err != nil {
		t.Fatal(err)
	}
	if d, _ := s.Document(ctx, "D1"); d.Status != StatusExtracted {
		t.Errorf("after linking: %s, want extracted until the index is rewritten", d.Status)
	}
	s.SetStatus(ctx, StatusChange{ID: "D1", Status: StatusIndexed})
	if err := s.DeleteLink(ctx, l.ID, "zhang"); err != nil {
		t.Fatal(err)
	}
	if d, _ := s.Document(ctx, "D1"); d.Status != StatusExtracted {
		t.Errorf("after unlinking: %s, want extracted", d.Status)
	}
}
