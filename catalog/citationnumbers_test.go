package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// citeDoc is a citation of document id's page, its quote found there.
func citeDoc(id string, page int, quote string) Citation {
	return Citation{DocumentID: id, SHA256: "sha-" + id, Page: page, Quote: quote, QuoteFound: true}
}

func numbersOf(cits []Citation) []int {
	var out []int
	for _, c := range cits {
		out = append(out, c.Number)
	}
	return out
}

// claimWithCitations stores, in a store with the small framework, the
// documents D1, D2 and D3 of 杭州 and wang's claim on 2.3.1 citing them
// as cits do: the claim the citation tests change.
func claimWithCitations(t *testing.T, s *Store, cits ...Citation) *Claim {
	t.Helper()
	ctx := context.Background()
	importSmallFramework(t, s, "2", "2.3.1")
	for _, id := range []string{"D1", "D2", "D3"} {
		if err := s.CreateDocument(ctx, newDoc(id, "sha-"+id), Submission{User: "wang"}); err != nil {
			t.Fatal(err)
		}
	}
	c := &Claim{City: "330100", Round: 2018, Indicator: "2.3.1", Statement: "杭州市已建立市民终身学习学分银行", CreatedBy: "wang", Citations: cits}
	if err := s.CreateClaim(ctx, c); err != nil {
		t.Fatal(err)
	}
	return c
}

// A citation keeps its number for the claim's life: removing one leaves
// a gap, and one added after takes a number never given before, even
// when the removed one was the last (a reviewer's 第3条 must not come to
// name the citation added in its place).
func TestCitationNumbersStayForTheClaimsLife(t *testing.T) {
	forEachStore(t, testCitationNumbersStay)
}

func testCitationNumbersStay(t *testing.T, s *Store) {
	ctx := context.Background()
	c := claimWithCitations(t, s, citeDoc("D1", 1, "学分银行管理办法"), citeDoc("D2", 2, "全年存入学习成果45.3万条"), citeDoc("D3", 1, "学习成果均可存入"))
	steps := []struct {
		name   string
		change func(cits []Citation) []Citation
		want   []int
	}{
		{"created", func(c []Citation) []Citation { return c }, []int{1, 2, 3}},
		{"second removed", func(c []Citation) []Citation { return slices.Delete(slices.Clone(c), 1, 2) }, []int{1, 3}},
		{"one added", func(c []Citation) []Citation { return append(c, citeDoc("D2", 2, "学习成果45.3万条")) }, []int{1, 3, 4}},
		{"last removed", func(c []Citation) []Citation { return c[:len(c)-1] }, []int{1, 3}},
		{"one added again", func(c []Citation) []Citation { return append(c, citeDoc("D3", 1, "课时达到规定要求")) }, []int{1, 3, 5}},
	}
	for _, st := range steps {
		cur, err := s.Claim(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if st.name != "created" {
			cur.Citations = st.change(cur.Citations)
			if err := s.UpdateClaimAs(ctx, cur, "wang", ClaimCited); err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
		}
		got, err := s.Claim(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if n := numbersOf(got.Citations); !slices.Equal(n, st.want) {
			t.Errorf("%s: numbers %v, want %v", st.name, n, st.want)
		}
		listed, err := s.FindClaims(ctx, ClaimFilter{City: "330100"})
		if err != nil || len(listed) != 1 || !slices.Equal(numbersOf(listed[0].Citations), st.want) {
			t.Errorf("%s: FindClaims numbers %v (%v), want %v", st.name, listed, err, st.want)
		}
		if want := slices.Max(st.want) + map[bool]int{true: 1}[st.name == "last removed"]; got.LastCitation != want {
			t.Errorf("%s: last citation number %d, want %d", st.name, got.LastCitation, want)
		}
	}
}

// The audit log records which evidence each change of a claim's
// citations added or removed (number, document, page, quote), and a
// document's events list the claim events citing it: the probe found
// only {"citations":2,"statement":…}.
func TestClaimEventsNameTheirCitations(t *testing.T) { forEachStore(t, testClaimEventsNameCitations) }

func testClaimEventsNameCitations(t *testing.T, s *Store) {
	ctx := context.Background()
	c := claimWithCitations(t, s, citeDoc("D1", 1, "学分银行管理办法"), citeDoc("D2", 3, "全年存入学习成果45.3万条"))
	c.Citations = c.Citations[:1]
	if err := s.UpdateClaimAs(ctx, c, "wang", ClaimUncited); err != nil {
		t.Fatal(err)
	}
	evs, err := s.FindEvents(ctx, EventFilter{Object: "claim:" + c.ID})
	if err != nil {
		t.Fatal(err)
	}
	detail := map[string]string{}
	for _, e := range evs {
		detail[e.Action] = fmt.Sprint(e.Detail[EventCitationsAdded], e.Detail[EventCitationsRemoved])
	}
	for action, want := range map[string]string{
		"claim.create": "[map[document_id:D1 number:1 page:1 quote:学分银行管理办法] map[document_id:D2 number:2 page:3 quote:全年存入学习成果45.3万条]] <nil>",
		"claim.uncite": "<nil> [map[document_id:D2 number:2 page:3 quote:全年存入学习成果45.3万条]]",
	} {
		if detail[action] != want {
			t.Errorf("%s: cited, uncited %s, want %s", action, detail[action], want)
		}
	}
	for doc, want := range map[string][]string{"D1": {"claim.create"}, "D2": {"claim.uncite", "claim.create"}} {
		evs, err := s.FindEvents(ctx, EventFilter{Object: doc, Action: "claim."})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range evs {
			got = append(got, e.Action)
		}
		if !slices.Equal(got, want) {
			t.Errorf("claim events of %s: %v, want %v", doc, got, want)
		}
	}
}

// Migration 036 numbers the citations of a claim written before it
// (1..n, as they showed), and running it again never takes back a number
// given since.
func TestCitationNumbersMigration(t *testing.T) { forEachStore(t, testCitationNumbersMigration) }

func testCitationNumbersMigration(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "2", "2.3.1")
	if err := s.CreateDocument(ctx, newDoc("D1", "sha-D1"), Submission{User: "wang"}); err != nil {
		t.Fatal(err)
	}
	old := &Claim{City: "330100", Round: 2018, Indicator: "2.3.1", Statement: "社区学校全覆盖", CreatedBy: "wang",
		Citations: []Citation{citeDoc("D1", 1, "社区学校"), citeDoc("D1", 2, "全覆盖")}}
	since := &Claim{City: "330100", Round: 2018, Indicator: "2.3.1", Statement: "学分银行", CreatedBy: "wang",
		Citations: []Citation{citeDoc("D1", 1, "学分银行")}}
	for _, c := range []*Claim{old, since} {
		if err := s.CreateClaim(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	// As before the migration, old has no number recorded; since's gave
	// 3 and removed 2 and 3 since.
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE claim SET citations_numbered = CASE WHEN id = ? THEN 0 ELSE 3 END`, old.ID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	names, err := s.dialect.migrationFiles()
	if err != nil {
		t.Fatal(err)
	}
	runMigrationAgain(t, s, slices.IndexFunc(names, func(n string) bool { return strings.Contains(n, "_citation_numbers.") }))
	for c, want := range map[*Claim]int{old: 2, since: 3} {
		got, err := s.Claim(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.LastCitation != want {
			t.Errorf("%s: last citation number %d after the migration, want %d", c.Statement, got.LastCitation, want)
		}
	}
}

// Two citation changes to one claim at the same moment: wang's save
// gives citations 1, 2 and 3; li's, built on the claim as it was with 1
// and 2, would give 1, 2 and 4, undoing wang's citation 3 (which looked
// like a deliberate removal) and logging li as having removed it. Li's
// save is refused instead, and nothing of it is written: not its
// citation, not its event.
func TestClaimSaveBuiltOnAStaleReadIsRefused(t *testing.T) {
	forEachStore(t, testClaimSaveOnStaleRead)
}

func testClaimSaveOnStaleRead(t *testing.T, s *Store) {
	ctx := context.Background()
	c := claimWithCitations(t, s, citeDoc("D1", 1, "学分银行管理办法"), citeDoc("D2", 2, "全年存入学习成果45.3万条"))
	wang, err := s.Claim(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	li, err := s.Claim(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	wang.Citations = append(wang.Citations, citeDoc("D3", 1, "学习成果均可存入"))
	if err := s.UpdateClaimAs(ctx, wang, "wang", ClaimCited); err != nil {
		t.Fatalf("wang's save: %v", err)
	}
	li.Citations = append(li.Citations, citeDoc("D3", 2, "课时达到规定要求"))
	err = s.UpdateClaimAs(ctx, li, "li", ClaimCited)
	if ErrorCode(err) != ECONFLICT || !strings.Contains(err.Error(), "定性描述已被他人修改，请刷新页面后重试") {
		t.Fatalf("li's save built on the claim before wang's: %v, want ECONFLICT 定性描述已被他人修改，请刷新页面后重试", err)
	}
	got, err := s.Claim(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if n := numbersOf(got.Citations); !slices.Equal(n, []int{1, 2, 3}) || got.Citations[2].Quote != "学习成果均可存入" {
		t.Errorf("citations %v after li's refused save, want wang's 1, 2, 3 (3: 学习成果均可存入)", got.Citations)
	}
	if got.LastCitation != 3 {
		t.Errorf("last citation number %d, want 3: li's refused save gave none", got.LastCitation)
	}
	evs, err := s.FindEvents(ctx, EventFilter{Object: "claim:" + c.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range evs {
		if e.User == "li" {
			t.Errorf("li's refused save left an event %s %v", e.Action, e.Detail)
		}
	}

	// Li, having read the claim again, adds the citation: it takes 4 and
	// wang's 3 stays.
	li, err = s.Claim(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	li.Citations = append(li.Citations, citeDoc("D3", 2, "课时达到规定要求"))
	if err := s.UpdateClaimAs(ctx, li, "li", ClaimCited); err != nil {
		t.Fatalf("li's save on a fresh read: %v", err)
	}
	if got, err = s.Claim(ctx, c.ID); err != nil || !slices.Equal(numbersOf(got.Citations), []int{1, 2, 3, 4}) {
		t.Errorf("citations %v (%v) after li's save on a fresh read, want 1, 2, 3, 4", got.Citations, err)
	}
}
