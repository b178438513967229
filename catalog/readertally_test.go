package catalog

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

func TestTallyReadersCountsAsTheScanDid(t *testing.T) {
	forEachStore(t, testTallyReadersCountsAsTheScanDid)
}

// tallyKey is a ReaderTally without its count, for comparing tallies.
type tallyKey struct {
	reader        string // "" when unknown
	version       int
	before, cited bool
}

func (k tallyKey) String() string {
	return fmt.Sprintf("%s %d fields-before=%v cited=%v", k.reader, k.version, k.before, k.cited)
}

// testTallyReadersCountsAsTheScanDid: on a mixed archive (texts of
// unknown, older and current readers, fields of an older revision, a text
// a claim cites through another city's copy, one a value cites, a deleted
// and a stored document) the one aggregate query counts what the admin
// page counted by scanning every document, its citations and its fields.
func testTallyReadersCountsAsTheScanDid(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1")
	docs := []struct {
		id, sha, city string
		status        Status
		reader        *TextReader
		revision      int
	}{
		{"D-未记录", "sha-unknown", "330100", StatusIndexed, nil, 2},
		{"D-旧版", "sha-old", "330100", StatusIndexed, &TextReader{"pdf", 3}, 2},
		{"D-旧版二", "sha-old2", "330100", StatusExtracted, &TextReader{"pdf", 3}, 2},
		{"D-旧版引用", "sha-cited", "330100", StatusIndexed, &TextReader{"ocr", 1}, 2},
		{"D-宁波副本", "sha-cited", "330200", StatusIndexed, &TextReader{"ocr", 1}, 0},
		{"D-数值引用", "sha-value", "330100", StatusIndexed, &TextReader{"xlsx", 1}, 2},
		{"D-旧字段", "sha-fields", "330100", StatusIndexed, &TextReader{"pdf", 7}, 1},
		{"D-两者", "sha-both", "330100", StatusIndexed, &TextReader{"text", 2}, 0},
		{"D-已删除", "sha-deleted", "330100", StatusIndexed, &TextReader{"pdf", 3}, 0},
		{"D-待读取", "sha-stored", "330100", StatusStored, nil, 0},
		{"D-最新", "sha-current", "330100", StatusIndexed, &TextReader{"pdf", 7}, 2},
	}
	for _, d := range docs {
		doc := newDoc(d.id, d.sha)
		doc.City = d.city
		if err := s.CreateDocument(ctx, doc, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
		if d.status == StatusStored {
			continue
		}
		fill := FieldFill{Title: "关于开展全民终身学习活动周的通知", Revision: d.revision}
		if err := s.SetStatus(ctx, StatusChange{ID: d.id, Status: d.status, Fill: &fill, Reader: d.reader}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.DeleteDocument(ctx, "D-已删除", "zhang"); err != nil {
		t.Fatal(err)
	}
	claim := &Claim{City: "330200", Round: 2018, Indicator: "1.1.1", Statement: "已建立学分银行", CreatedBy: "zhang",
		Citations: []Citation{{DocumentID: "D-宁波副本", SHA256: "sha-cited", Page: 1, Quote: "学分银行", QuoteFound: true, FoundOnPage: 1},
			{DocumentID: "D-旧版", SHA256: "sha-old", Page: 1, Quote: "没有找到的句子", QuoteFound: false}}}
	if err := s.CreateClaim(ctx, claim); err != nil {
		t.Fatal(err)
	}
	value := &Value{City: "330100", Round: 2018, Indicator: "1.1.1", Number: 1260, Unit: "场",
		Citation: Citation{DocumentID: "D-数值引用", SHA256: "sha-value", Page: 1, Quote: "开展学习活动1260场", QuoteFound: true, FoundOnPage: 1}}
	if err := s.SaveValue(ctx, value, "wang"); err != nil {
		t.Fatal(err)
	}

	// What the admin page counted before: every document's reader, every
	// found citation, every document with older fields.
	want := map[tallyKey]int{}
	cited, err := s.FoundCitations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	before := map[string]bool{}
	if err := s.DocumentsWithFieldsBefore(ctx, 2, func(d *Document) { before[d.ID] = true }); err != nil {
		t.Fatal(err)
	}
	err = s.ReadTexts(ctx, func(r ReadText) {
		k := tallyKey{before: before[r.ID], cited: cited[r.SHA256] > 0}
		if r.Reader != nil {
			k.reader, k.version = r.Reader.Name, r.Reader.Version
		}
		want[k]++
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) < 7 {
		t.Fatalf("the archive is not mixed enough: %v", want)
	}

	statements := s.Statements()
	tallies, err := s.TallyReaders(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	if n := s.Statements() - statements; n != 1 {
		t.Errorf("TallyReaders sent %d statements, want one", n)
	}
	got := map[tallyKey]int{}
	for _, tl := range tallies {
		k := tallyKey{before: tl.FieldsBefore, cited: tl.Cited}
		if tl.Reader != nil {
			k.reader, k.version = tl.Reader.Name, tl.Reader.Version
		}
		got[k] += tl.Documents
	}
	if !maps.Equal(got, want) {
		t.Errorf("tallies %v,\nwant as scanned %v", got, want)
	}
	if k := (tallyKey{reader: "ocr", version: 1, before: true, cited: true}); got[k] != 1 {
		t.Errorf("宁波's copy of the cited text: %d in %v, want 1", got[k], k)
	}

	// 重新读取 looks at the indexed documents of unknown and older readers.
	var ids []string
	var unknown []string
	err = s.DocumentsToReread(ctx, []TextReader{{"pdf", 3}, {"ocr", 1}}, func(d *Document, r *TextReader) {
		ids = append(ids, d.ID)
		if r == nil {
			unknown = append(unknown, d.ID)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"D-未记录", "D-旧版", "D-旧版引用", "D-宁波副本"}; !slices.Equal(ids, want) || !slices.Equal(unknown, want[:1]) {
		t.Errorf("documents to read again %v (unknown %v), want %v (unknown %v)", ids, unknown, want, want[:1])
	}
}

// TestTallyReadersReadsTheIndexAlone: on SQLite the count reads
// migration 050's index, not the documents' rows (titles, errors, page
// sources: most of a large archive's catalog), and the cited texts from
// the partial indexes of found citations, their documents by their bytes.
func TestTallyReadersReadsTheIndexAlone(t *testing.T) {
	s := openTestStore(t)
	rows, err := s.db.QueryContext(context.Background(), `EXPLAIN QUERY PLAN `+tallyReadersSQL,
		1, string(StatusExtracted), string(StatusIndexed), 1, string(StatusExtracted), string(StatusIndexed))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	all := strings.Join(plan, "\n")
	// These are SQLite's words in EXPLAIN QUERY PLAN as the pinned
	// modernc.org/sqlite prints them; an upgrade may reword them, and then
	// this list, not the query, is what to change.
	for _, want := range []string{"COVERING INDEX document_reader_status", "USING INDEX document_live_sha_city (sha256=?)", "citation USING INDEX citation_found", "value USING INDEX value_found"} {
		if !strings.Contains(all, want) {
			t.Errorf("the plan of the count lacks %q:\n%s", want, all)
		}
	}
}
