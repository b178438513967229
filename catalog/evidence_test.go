package catalog

import (
	"context"
	"reflect"
	"slices"
	"testing"
)

// EvidenceUses is the one definition of an indicator's evidence in a
// round, on both catalogs: documents linked to it, or cited by a claim or
// the value of it; not a withdrawn claim's citations, not a deleted
// document, not another round's or city's.
func TestEvidenceUsesAreLinksClaimsAndValues(t *testing.T) {
	forEachStore(t, testEvidenceUsesAreLinksClaimsAndValues)
}

func testEvidenceUsesAreLinksClaimsAndValues(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
	addRounds(t, s, 2019)
	for _, id := range []string{"LINKED", "CITED", "VALUED", "GONE", "OTHER"} {
		d := newDoc(id, "sha-"+id)
		d.Round = "2018"
		if id == "OTHER" {
			d.City = "510100"
		}
		if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.CreateLinks(ctx, []*Link{{DocumentID: "LINKED", IndicatorCode: "1.1.1", CreatedBy: "zhang"},
		{DocumentID: "OTHER", IndicatorCode: "1.1.1", CreatedBy: "zhang"}}, false); err != nil {
		t.Fatal(err)
	}
	cite := func(id string, quote string) Citation {
		return Citation{DocumentID: id, SHA256: "sha-" + id, Page: 2, Quote: quote, QuoteFound: true, FoundOnPage: 2}
	}
	claim := &Claim{City: "330100", Round: 2018, Indicator: "1.1.1", Statement: "已建立学分银行", CreatedBy: "zhang",
		Citations: []Citation{cite("CITED", "学分银行"), cite("LINKED", "学习成果认证")}}
	if err := s.CreateClaim(ctx, claim); err != nil {
		t.Fatal(err)
	}
	vals := []*Value{
		{City: "330100", Round: 2018, Indicator: "1.1.2", Number: 12000, Given: "1.2万", Unit: "人", Citation: cite("VALUED", "1.2万人")},
		{City: "330100", Round: 2019, Indicator: "1.1.2", Number: 13000, Given: "1.3万", Unit: "人", Citation: cite("GONE", "1.3万人")},
	}
	if err := s.SaveValues(ctx, vals, "zhang"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteDocument(ctx, "GONE", "admin"); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		f    EvidenceFilter
		want map[[2]string][]string
	}{
		{"杭州 2018", EvidenceFilter{Round: 2018, Cities: []string{"330100"}}, map[[2]string][]string{
			{"330100", "1.1.1"}: {"LINKED", "CITED"}, {"330100", "1.1.2"}: {"VALUED"}}},
		{"1.1.2 every round and city", EvidenceFilter{Indicator: "1.1.2"}, map[[2]string][]string{
			{"330100", "1.1.2"}: {"VALUED"}}},
		{"every city 2018", EvidenceFilter{Round: 2018, Indicator: "1.1.1"}, map[[2]string][]string{
			{"330100", "1.1.1"}: {"LINKED", "CITED"}, {"510100", "1.1.1"}: {"OTHER"}}},
		{"杭州 2019: its value's source deleted", EvidenceFilter{Round: 2019, Cities: []string{"330100"}}, map[[2]string][]string{}},
	} {
		uses, err := s.EvidenceUses(ctx, tt.f)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := EvidenceDocuments(uses); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: evidence %v, want %v", tt.name, got, tt.want)
		}
		ids, err := s.EvidenceDocumentIDs(ctx, tt.f)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if full := sortedEvidence(EvidenceDocuments(uses)); !reflect.DeepEqual(ids, full) {
			t.Errorf("%s: evidence document ids %v, want %v as EvidenceUses finds them", tt.name, ids, full)
		}
		counts, err := s.EvidenceCounts(ctx, tt.f)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		got := map[[2]string]int{}
		for _, c := range counts {
			got[[2]string{c.City, c.Indicator}] = c.Documents
		}
		want := map[[2]string]int{}
		for k, ids := range tt.want {
			want[k] = len(ids)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: evidence counts %v, want %v", tt.name, got, want)
		}
	}
	// Asked for citations only, the uses are the claim's and the value's.
	cited, err := s.EvidenceUses(ctx, EvidenceFilter{Round: 2018, Cities: []string{"330100"}, Kinds: []string{EvidenceClaim, EvidenceValue}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := EvidenceDocuments(cited), map[[2]string][]string{{"330100", "1.1.1"}: {"CITED", "LINKED"},
		{"330100", "1.1.2"}: {"VALUED"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("citations only: evidence %v, want %v", got, want)
	}
	for _, u := range cited {
		if u.Kind == EvidenceLink {
			t.Errorf("citations only: a link %+v", u)
		}
	}
	uses, err := s.EvidenceUses(ctx, EvidenceFilter{Round: 2018, Indicator: "1.1.2"})
	if err != nil || len(uses) != 1 || uses[0].Kind != EvidenceValue || uses[0].Page != 2 || uses[0].Quote != "1.2万人" {
		t.Errorf("the value's use: %+v %v, want its citation on page 2", uses, err)
	}
	// Withdrawn, the claim's citations stop counting: CITED, which only
	// it cited, is no evidence any more; LINKED still is, by its link.
	if _, err := s.WithdrawClaim(ctx, claim.ID, "zhang", "材料有误"); err != nil {
		t.Fatal(err)
	}
	uses, err = s.EvidenceUses(ctx, EvidenceFilter{Round: 2018, Cities: []string{"330100"}, Indicator: "1.1.1"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := EvidenceDocuments(uses), map[[2]string][]string{{"330100", "1.1.1"}: {"LINKED"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("claim withdrawn: evidence %v, want %v", got, want)
	}
	for _, u := range uses {
		if u.Kind == EvidenceClaim {
			t.Errorf("claim withdrawn: its citation %+v still counts", u)
		}
	}
}

// A link carried from 2017 into 2018 counts in 2018, though its document
// is of 2017; dropped, it does not; a 2017 link not carried does not.
func TestEvidenceUsesCountCarriedLinks(t *testing.T) {
	forEachStore(t, testEvidenceUsesCountCarriedLinks)
}

func testEvidenceUsesCountCarriedLinks(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
	for _, id := range []string{"CARRIED", "DROPPED"} {
		d := newDoc(id, "sha-"+id)
		d.Round = "2017"
		if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.CreateLinks(ctx, []*Link{{DocumentID: "CARRIED", IndicatorCode: "1.1.1", CreatedBy: "zhang"},
		{DocumentID: "DROPPED", IndicatorCode: "1.1.2", CreatedBy: "zhang"}}, false); err != nil {
		t.Fatal(err)
	}
	evidence := func(round int) map[[2]string][]string {
		t.Helper()
		uses, err := s.EvidenceUses(ctx, EvidenceFilter{Round: round, Cities: []string{"330100"}})
		if err != nil {
			t.Fatal(err)
		}
		return EvidenceDocuments(uses)
	}
	if got := evidence(2018); len(got) != 0 {
		t.Errorf("2018 before the carry-over: evidence %v, want none", got)
	}
	if _, err := s.CarryOver(ctx, "330100", 2017, 2018, "admin"); err != nil {
		t.Fatal(err)
	}
	if got, want := evidence(2018), map[[2]string][]string{{"330100", "1.1.1"}: {"CARRIED"}, {"330100", "1.1.2"}: {"DROPPED"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("2018 carried: evidence %v, want %v", got, want)
	}
	cs, err := s.Carryovers(ctx, CarryFilter{City: "330100", Round: 2018})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.Indicator == "1.1.2" {
			if err := s.DecideCarryover(ctx, c.ID, CarryDropped, "admin"); err != nil {
				t.Fatal(err)
			}
		}
	}
	if got, want := evidence(2018), map[[2]string][]string{{"330100", "1.1.1"}: {"CARRIED"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("2018, 1.1.2's link dropped: evidence %v, want %v", got, want)
	}
	if got, want := evidence(2017), map[[2]string][]string{{"330100", "1.1.1"}: {"CARRIED"}, {"330100", "1.1.2"}: {"DROPPED"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("2017: evidence %v, want %v", got, want)
	}
}

// A carried object withdrawn or whose document is deleted is not live:
// Carryovers with Live leaves its row out, on both catalogs.
func TestCarryoversLiveLeavesGoneObjectsOut(t *testing.T) {
	forEachStore(t, testCarryoversLiveLeavesGoneObjectsOut)
}

func testCarryoversLiveLeavesGoneObjectsOut(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
	for _, id := range []string{"LINKED", "KEPT", "CITED"} {
		d := newDoc(id, "sha-"+id)
		d.Round = "2017"
		if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.CreateLinks(ctx, []*Link{{DocumentID: "LINKED", IndicatorCode: "1.1.1", CreatedBy: "zhang"},
		{DocumentID: "KEPT", IndicatorCode: "1.1.2", CreatedBy: "zhang"}}, false); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateClaim(ctx, &Claim{City: "330100", Round: 2017, Indicator: "1.1.2", Statement: "已建立学分银行", CreatedBy: "zhang",
		Citations: []Citation{{DocumentID: "CITED", SHA256: "sha-CITED", Page: 1, Quote: "学分银行", QuoteFound: true, FoundOnPage: 1}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CarryOver(ctx, "330100", 2017, 2018, "admin"); err != nil {
		t.Fatal(err)
	}
	live := func() map[CarryKind]int {
		t.Helper()
		cs, err := s.Carryovers(ctx, CarryFilter{City: "330100", Round: 2018, State: CarryToConfirm, Live: true})
		if err != nil {
			t.Fatal(err)
		}
		n := map[CarryKind]int{}
		for _, c := range cs {
			n[c.Kind]++
		}
		return n
	}
	if got, want := live(), map[CarryKind]int{CarryLink: 2, CarryClaim: 1}; !reflect.DeepEqual(got, want) {
		t.Fatalf("carried live %v, want %v", got, want)
	}
	all, err := s.Carryovers(ctx, CarryFilter{City: "330100", Round: 2018, State: CarryToConfirm})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range all {
		if c.Kind == CarryClaim {
			if _, err := s.WithdrawClaim(ctx, c.ObjectID, "zhang", "材料有误"); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := s.DeleteDocument(ctx, "LINKED", "admin"); err != nil {
		t.Fatal(err)
	}
	if got, want := live(), map[CarryKind]int{CarryLink: 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("carried live after withdrawing the claim and deleting LINKED: %v, want %v", got, want)
	}
}

// A link counts in its document's round, or, the document without a
// round, in the year it was issued; a link made for another round
// (LinkInRound) counts there and not in the document's own. Counted
// through EvidenceCounts and listed through EvidenceUses alike.
func TestEvidenceLinksOfARound(t *testing.T) {
	forEachStore(t, testEvidenceLinksOfARound)
}

func testEvidenceLinksOfARound(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
	for _, d := range []struct{ id, round, issued string }{
		{"OWN", "2018", ""}, {"ISSUED", "", "2018-03-12"}, {"OLD", "2017", "2018-01-05"},
	} {
		doc := newDoc(d.id, "sha-"+d.id)
		doc.Round, doc.IssuedOn = d.round, d.issued
		if err := s.CreateDocument(ctx, doc, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	var links []*Link
	for _, id := range []string{"OWN", "ISSUED", "OLD"} {
		links = append(links, &Link{DocumentID: id, IndicatorCode: "1.1.1", CreatedBy: "zhang"})
	}
	if err := s.CreateLinks(ctx, links, false); err != nil {
		t.Fatal(err)
	}
	if err := s.LinkInRound(ctx, []*Link{{DocumentID: "OLD", IndicatorCode: "1.1.2", CreatedBy: "zhang"}}, 2018, "zhang"); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		round int
		want  map[[2]string]int
	}{
		{0, map[[2]string]int{{"330100", "1.1.1"}: 3, {"330100", "1.1.2"}: 1}},
		{2018, map[[2]string]int{{"330100", "1.1.1"}: 2, {"330100", "1.1.2"}: 1}},
		{2017, map[[2]string]int{{"330100", "1.1.1"}: 1}},
		{2019, map[[2]string]int{}},
	} {
		f := EvidenceFilter{Round: tt.round, Cities: []string{"330100"}, Kinds: []string{EvidenceLink}}
		counts, err := s.EvidenceCounts(ctx, f)
		if err != nil {
			t.Fatalf("round %d: %v", tt.round, err)
		}
		got := map[[2]string]int{}
		for _, c := range counts {
			got[[2]string{c.City, c.Indicator}] = c.Documents
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("round %d: link counts %v, want %v", tt.round, got, tt.want)
		}
		uses, err := s.EvidenceUses(ctx, f)
		if err != nil {
			t.Fatalf("round %d: %v", tt.round, err)
		}
		listed := map[[2]string]int{}
		for k, ids := range EvidenceDocuments(uses) {
			listed[k] = len(ids)
		}
		if !reflect.DeepEqual(listed, tt.want) {
			t.Errorf("round %d: linked documents %v, want %v", tt.round, listed, tt.want)
		}
		ids, err := s.EvidenceDocumentIDs(ctx, f)
		if err != nil {
			t.Fatalf("round %d: %v", tt.round, err)
		}
		if full := sortedEvidence(EvidenceDocuments(uses)); !reflect.DeepEqual(ids, full) {
			t.Errorf("round %d: linked document ids %v, want %v as EvidenceUses finds them", tt.round, ids, full)
		}
	}
}

// sortedEvidence is evidence as EvidenceDocumentIDs lists it: each key's
// documents in ID order.
func sortedEvidence(evidence map[[2]string][]string) map[[2]string][]string {
	out := make(map[[2]string][]string, len(evidence))
	for k, ids := range evidence {
		out[k] = slices.Sorted(slices.Values(ids))
	}
	return out
}
