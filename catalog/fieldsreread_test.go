package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"testing"
)

func TestRereadFieldsKeepsWhatPeopleSet(t *testing.T) {
	forEachStore(t, testRereadFieldsKeepsWhatPeopleSet)
}

// testRereadFieldsKeepsWhatPeopleSet: a newer field reader's reading
// replaces what an older one filled, empties what it no longer finds, and
// never touches a value typed at upload or changed (or emptied) by an edit.
func testRereadFieldsKeepsWhatPeopleSet(t *testing.T, s *Store) {
	ctx := context.Background()
	const wrong, right, typed, edited = "浙政发〔2016〕3号", "杭教职成〔2018〕5号", "杭教职成〔2018〕7号", "杭教职成〔2018〕66号"
	oldReading := FieldFill{Title: "根据浙江省人民政府的意见", DocNumber: wrong, Issuer: "杭州市教育局", IssuedOn: "2018-09-03"}
	rightOnly := oldReading // the same reading but for the 文号
	rightOnly.DocNumber = right
	cases := []struct {
		name      string
		typed     string  // 文号 typed at upload
		edit      *string // 文号 a person set after the old reading
		now       FieldFill
		want      string // 文号 after the new reading
		wantTitle string
		changed   []string
	}{
		{name: "read before", now: FieldFill{Title: "关于开展全民终身学习活动周的通知", DocNumber: right, Issuer: "杭州市教育局", IssuedOn: "2018-09-03"},
			want: right, wantTitle: "关于开展全民终身学习活动周的通知", changed: []string{FieldTitle, FieldDocNumber}},
		{name: "no longer found", now: FieldFill{Issuer: "杭州市教育局", IssuedOn: "2018-09-03"},
			want: "", wantTitle: "D-no longer found", changed: []string{FieldTitle, FieldDocNumber}},
		{name: "typed", typed: typed, now: rightOnly, want: typed, wantTitle: "根据浙江省人民政府的意见"},
		{name: "edited", edit: stringPtr(edited), now: rightOnly, want: edited, wantTitle: "根据浙江省人民政府的意见"},
		{name: "emptied", edit: stringPtr(""), now: rightOnly, want: "", wantTitle: "根据浙江省人民政府的意见"},
	}
	for i, c := range cases {
		d := newDoc("D-"+c.name, fmt.Sprintf("%064x", i))
		d.Title, d.DocNumber = DefaultTitle(d.Filename), c.typed
		if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
		old := oldReading
		if err := s.SetStatus(ctx, StatusChange{ID: d.ID, Status: StatusIndexed, Fill: &old}); err != nil {
			t.Fatal(err)
		}
		if c.edit != nil {
			if _, err := s.UpdateDocument(ctx, d.ID, DocumentPatch{DocNumber: c.edit}, "wang"); err != nil {
				t.Fatal(err)
			}
		}
		now := c.now
		now.Revision = 1
		changed, err := s.RereadFields(ctx, d.ID, now)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Document(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.DocNumber != c.want || got.Title != c.wantTitle || !slices.Equal(changed, c.changed) {
			t.Errorf("%s: 文号 %q, title %q, changed %v; want %q, %q, %v", c.name, got.DocNumber, got.Title, changed,
				c.want, c.wantTitle, c.changed)
		}
		if got.IsExtracted(FieldDocNumber) != (c.want == right) {
			t.Errorf("%s: extracted_fields %v, want 文号 marked only when read from the text", c.name, got.ExtractedFields)
		}
		if wantStatus := map[bool]Status{true: StatusExtracted, false: StatusIndexed}[len(c.changed) > 0 || c.edit != nil]; got.Status != wantStatus {
			t.Errorf("%s: status %s, want %s (to be indexed anew only when something changed)", c.name, got.Status, wantStatus)
		}
	}
	var left []string
	if err := s.DocumentsWithFieldsBefore(ctx, 1, func(d *Document) { left = append(left, d.ID) }); err != nil {
		t.Fatal(err)
	}
	if len(left) != 0 {
		t.Errorf("documents still to read at revision 1: %v, want none", left)
	}
	if err := s.DocumentsWithFieldsBefore(ctx, 2, func(d *Document) { left = append(left, d.ID) }); err != nil || len(left) != len(cases) {
		t.Errorf("documents to read at revision 2: %v, %v; want all %d", left, err, len(cases))
	}
}

func stringPtr(s string) *string { return &s }

// undoFieldsRevision takes away what migration 021 adds, for tests that
// wind a catalog back to an older version.
func undoFieldsRevision(ctx context.Context, tx *sql.Tx) error {
	for _, q := range []string{`ALTER TABLE document DROP COLUMN fields_revision`, `ALTER TABLE document DROP COLUMN edited_fields`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return nil
}

// undoTextReader takes away what migration 022 adds, for tests that wind
// a catalog back to an older version, and first what 024 adds
// (undoReaderTally): its index holds 022's columns.
func undoTextReader(ctx context.Context, tx *sql.Tx) error {
	if err := undoReaderTally(ctx, tx); err != nil {
		return err
	}
	for _, q := range []string{`ALTER TABLE document DROP COLUMN reader`, `ALTER TABLE document DROP COLUMN reader_version`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return nil
}

// undoReaderTally takes away the indexes migration 024 adds (or 050's in
// their place), and first what the migrations after it add (undoInfoEN):
// a test winding a catalog back past 024 migrates them again.
func undoReaderTally(ctx context.Context, tx *sql.Tx) error {
	if err := undoInfoEN(ctx, tx); err != nil {
		return err
	}
	for _, q := range []string{`DROP INDEX IF EXISTS document_reader`, `DROP INDEX IF EXISTS document_reader_status`, `DROP INDEX citation_found`, `DROP INDEX value_found`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return nil
}

func TestMigrationCountsEarlierEditsAsAPersons(t *testing.T) {
	forEachStore(t, testMigrationCountsEarlierEditsAsAPersons)
}

// testMigrationCountsEarlierEditsAsAPersons: an edit made before migration
// 021 left only its audit event, which does not say what the field held
// before; migrating counts every field of an edited document as a
// person's except those still filled from the text, so the issuer its
// coordinator emptied stays empty when the fields are read again, while
// that of a document nobody edited is filled and the 文号 read wrongly of
// both is replaced. A document whose 类型 alone was edited has only that
// counted: its empty issuer is filled.
func testMigrationCountsEarlierEditsAsAPersons(t *testing.T, s *Store) {
	ctx := context.Background()
	const wrong, right = "浙政发〔2016〕3号", "杭教职成〔2018〕5号"
	for i, id := range []string{"D-edited", "D-untouched", "D-typed"} {
		d := newDoc(id, fmt.Sprintf("%064x", i))
		if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
		old := FieldFill{DocNumber: wrong}
		if id == "D-edited" {
			old.Issuer = "杭州市教育局办公室"
		}
		if err := s.SetStatus(ctx, StatusChange{ID: id, Status: StatusIndexed, Fill: &old}); err != nil {
			t.Fatal(err)
		}
	}
	empty, notice := "", "通知"
	if _, err := s.UpdateDocument(ctx, "D-edited", DocumentPatch{Issuer: &empty}, "wang"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateDocument(ctx, "D-typed", DocumentPatch{DocType: &notice}, "wang"); err != nil {
		t.Fatal(err)
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := undoSubmissionAssignment(ctx, tx); err != nil { // 023
			return err
		}
		if err := undoTextReader(ctx, tx); err != nil {
			return err
		}
		if err := undoFieldsRevision(ctx, tx); err != nil {
			return err
		}
		return s.dialect.setVersion(ctx, tx, 20)
	})
	if err != nil {
		t.Fatalf("wind the catalog back to version 20: %v", err)
	}
	if err := s.migrate(ctx); err != nil {
		t.Fatalf("migrate from 20: %v", err)
	}
	for id, wantIssuer := range map[string]string{"D-edited": "", "D-untouched": "杭州市教育局", "D-typed": "杭州市教育局"} {
		if _, err := s.RereadFields(ctx, id, FieldFill{DocNumber: right, Issuer: "杭州市教育局", Revision: 1}); err != nil {
			t.Fatal(err)
		}
		d, err := s.Document(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if d.DocNumber != right || d.Issuer != wantIssuer {
			t.Errorf("%s after migrating and reading again: 文号 %q, issuer %q; want %q, %q", id, d.DocNumber, d.Issuer, right, wantIssuer)
		}
	}
}

func TestRereadFieldsMovesNoDocumentToANewRound(t *testing.T) {
	forEachStore(t, testRereadFieldsMovesNoDocumentToANewRound)
}

// testRereadFieldsMovesNoDocumentToANewRound: a document of 2019 read
// while rounds 2017 and 2018 existed went to the current one, 2018
// (inferred). Round 2019 added since, reading its fields again with the same date leaves it in
// 2018, where its links count, as does extracting its text again; a new
// date infers its round anew.
func testRereadFieldsMovesNoDocumentToANewRound(t *testing.T, s *Store) {
	ctx := context.Background() // a new catalog has rounds 2017 and 2018, current
	d := newDoc("D1", "aa")
	if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	reading := FieldFill{DocNumber: "杭教职成〔2019〕5号", IssuedOn: "2019-05-02"}
	if err := s.SetStatus(ctx, StatusChange{ID: d.ID, Status: StatusIndexed, Fill: &reading}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddRound(ctx, Round{Year: 2019}, "admin"); err != nil {
		t.Fatal(err)
	}
	again := reading // the text extracted again, as repair --outdated does
	if err := s.SetStatus(ctx, StatusChange{ID: d.ID, Status: StatusIndexed, Fill: &again}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Document(ctx, d.ID); err != nil || got.Round != "2018" {
		t.Fatalf("text extracted again with the same date: round %q (%v), want 2018", got.Round, err)
	}
	for _, c := range []struct {
		date, want string
	}{{"2019-05-02", "2018"}, {"2019-06-01", "2019"}} {
		reading.IssuedOn, reading.Revision = c.date, reading.Revision+1
		if _, err := s.RereadFields(ctx, d.ID, reading); err != nil {
			t.Fatal(err)
		}
		got, err := s.Document(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Round != c.want || !got.IsExtracted(FieldRound) {
			t.Errorf("read again with date %s: round %q (extracted %v), want %s, inferred", c.date, got.Round, got.ExtractedFields, c.want)
		}
	}
}

func TestFieldsReadAgainAreAudited(t *testing.T) {
	forEachStore(t, testFieldsReadAgainAreAudited)
}

// testFieldsReadAgainAreAudited: a reading that changes a value read from
// the text before, by repair's RereadFields or by the text extracted
// again, records a document.fields event with the value it had; the first
// reading, which only fills empty fields, records none.
func testFieldsReadAgainAreAudited(t *testing.T, s *Store) {
	ctx := context.Background()
	const wrong, right, other = "浙政发〔2016〕3号", "杭教职成〔2018〕5号", "杭教职成〔2018〕9号"
	d := newDoc("D1", "aa")
	if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	events := func() []Event {
		t.Helper()
		ev, err := s.FindEvents(ctx, EventFilter{Object: d.ID, Action: "document.fields"})
		if err != nil {
			t.Fatal(err)
		}
		return ev
	}
	first := FieldFill{DocNumber: wrong, IssuedOn: "2018-09-03"}
	if err := s.SetStatus(ctx, StatusChange{ID: d.ID, Status: StatusIndexed, Fill: &first}); err != nil {
		t.Fatal(err)
	}
	if ev := events(); len(ev) != 0 {
		t.Errorf("events after the first reading: %v, want none", ev)
	}
	if _, err := s.RereadFields(ctx, d.ID, FieldFill{DocNumber: right, IssuedOn: "2018-09-03", Revision: 1}); err != nil {
		t.Fatal(err)
	}
	again := FieldFill{DocNumber: other, IssuedOn: "2018-09-03", Revision: 1}
	if err := s.SetStatus(ctx, StatusChange{ID: d.ID, Status: StatusIndexed, Fill: &again}); err != nil {
		t.Fatal(err)
	}
	ev := events() // newest first
	want := []struct{ from, to string }{{right, other}, {wrong, right}}
	if len(ev) != len(want) {
		t.Fatalf("document.fields events: %v, want %d", ev, len(want))
	}
	for i, w := range want {
		from, _ := ev[i].Detail["from"].(map[string]any)
		if ev[i].Detail[FieldDocNumber] != w.to || from[FieldDocNumber] != w.from {
			t.Errorf("event %d: %v, want 文号 %s from %s", i, ev[i].Detail, w.to, w.from)
		}
		if _, ok := ev[i].Detail[FieldIssuedOn]; ok {
			t.Errorf("event %d: %v names the date, which did not change", i, ev[i].Detail)
		}
	}
}

func TestRereadFieldsLeavesDeletedAndCurrentDocuments(t *testing.T) {
	forEachStore(t, testRereadFieldsLeavesDeletedAndCurrentDocuments)
}

// testRereadFieldsLeavesDeletedAndCurrentDocuments: a document deleted,
// or read by the same reader revision, since repair listed it is left as
// it is.
func testRereadFieldsLeavesDeletedAndCurrentDocuments(t *testing.T, s *Store) {
	ctx := context.Background()
	for i, id := range []string{"D-deleted", "D-current"} {
		d := newDoc(id, fmt.Sprintf("%064x", i))
		if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
		rev := map[string]int{"D-deleted": 0, "D-current": 1}[id]
		old := FieldFill{DocNumber: "浙政发〔2016〕3号", Revision: rev}
		if err := s.SetStatus(ctx, StatusChange{ID: id, Status: StatusIndexed, Fill: &old}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.DeleteDocument(ctx, "D-deleted", "wang"); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"D-deleted", "D-current"} {
		changed, err := s.RereadFields(ctx, id, FieldFill{DocNumber: "杭教职成〔2018〕5号", Revision: 1})
		if err != nil || len(changed) != 0 {
			t.Errorf("%s read again: changed %v, %v; want nothing", id, changed, err)
		}
		ev, err := s.FindEvents(ctx, EventFilter{Object: id, Action: "document.fields"})
		if err != nil || len(ev) != 0 {
			t.Errorf("%s: events %v, %v; want none", id, ev, err)
		}
	}
}
