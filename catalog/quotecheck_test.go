package catalog

import (
	"context"
	"testing"
	"time"
)

// TestQuotesFoundAgain: the quotes of a text read anew are listed by the
// text they cite, found or not; recording where they are found now
// changes the marks that differ, each with a system audit entry saying
// what it was and the claim or value stamped updated then (a client
// paging by updated_at gets it again), and leaves a citation its claim's
// editor changed since (another quote: its save looked for it), on both
// catalogs.
func TestQuotesFoundAgain(t *testing.T) { forEachStore(t, testQuotesFoundAgain) }

func testQuotesFoundAgain(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
	saved := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	clock := saved
	s.now = func() time.Time { return clock }
	if err := s.CreateDocument(ctx, newDoc("扫描件", "sha-扫描件"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	cite := func(quote string, found bool) Citation {
		return Citation{DocumentID: "扫描件", SHA256: "sha-扫描件", Page: 1, Quote: quote, QuoteFound: found, FoundOnPage: map[bool]int{true: 1}[found]}
	}
	unfound := &Claim{City: "330100", Round: 2018, Indicator: "1.1.1", Statement: "已建立学分银行", CreatedBy: "zhang",
		Citations: []Citation{cite("建立学分银行", false)}}
	found := &Claim{City: "330100", Round: 2018, Indicator: "1.1.2", Statement: "社区学校全覆盖", CreatedBy: "zhang",
		Citations: []Citation{cite("社区学校", true)}}
	for _, c := range []*Claim{unfound, found} {
		if err := s.CreateClaim(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	value := &Value{City: "330100", Round: 2018, Indicator: "1.1.2", Number: 56, Given: "56", Unit: "个",
		Citation: cite("社区学校56所", false)}
	if err := s.SaveValue(ctx, value, "zhang"); err != nil {
		t.Fatal(err)
	}
	quotes, err := s.QuotesIn(ctx, "sha-扫描件")
	if err != nil || len(quotes) != 3 {
		t.Fatalf("quotes in the text: %+v, %v; want both citations and the value, in one list", quotes, err)
	}
	kinds := map[string]int{}
	again := make([]QuoteFoundAgain, len(quotes))
	for i, q := range quotes {
		kinds[q.Kind]++
		again[i] = QuoteFoundAgain{Quote: q, Found: true, FoundOnPage: 1}
		if q.Kind == "value" {
			again[i].Value = &ValueMarks{Found: true}
			if q.Owner != value.ID {
				t.Errorf("a value's quote of %s, not of the value", q.Owner)
			}
		} else if q.Owner != unfound.ID && q.Owner != found.ID {
			t.Errorf("a quote of %s, not of either claim", q.Owner)
		}
	}
	if kinds["claim"] != 2 || kinds["value"] != 1 {
		t.Errorf("kinds of the quotes listed: %v, want 2 claim and 1 value", kinds)
	}
	clock = saved.Add(time.Hour)
	if n, err := s.RecordQuotesFoundAgain(ctx, again); err != nil || n != 2 {
		t.Fatalf("recorded %d changes (%v), want the unfound quote's and the value's", n, err)
	}
	c, err := s.Claim(ctx, unfound.ID)
	if err != nil || !c.Citations[0].QuoteFound || c.Citations[0].FoundOnPage != 1 {
		t.Fatalf("the citation once found: %+v, %v", c, err)
	}
	if !c.UpdatedAt.Equal(clock) {
		t.Errorf("the claim whose quote was found again was updated %v, want %v", c.UpdatedAt, clock)
	}
	if c, err := s.Claim(ctx, found.ID); err != nil || !c.UpdatedAt.Equal(saved) {
		t.Errorf("the claim found before: %+v, %v; want it updated when saved, %v", c, err, saved)
	}
	if v, err := s.Value(ctx, value.ID); err != nil || !v.Citation.QuoteFound || !v.ValueFound || !v.UpdatedAt.Equal(clock) {
		t.Errorf("the value once found: %+v, %v; want its quote and number found, updated %v", v, err, clock)
	}
	// A client that paged past every claim before the reading gets the
	// changed one again.
	last := max(found.ID, unfound.ID)
	if after, err := s.FindClaims(ctx, ClaimFilter{City: "330100", After: ClaimCursor(Claim{ID: last, UpdatedAt: saved})}); err != nil ||
		len(after) != 1 || after[0].ID != unfound.ID {
		t.Errorf("claims after the last one seen: %+v, %v; want the one whose quote was found again", after, err)
	}
	events, err := s.Events(ctx, "claim:"+unfound.ID, 5)
	if err != nil || len(events) == 0 || events[0].Action != "claim.quote" || events[0].User != "system" ||
		events[0].Detail["quote_found"] != true || events[0].Detail["from"].(map[string]any)["quote_found"] != false {
		t.Errorf("audit entries: %+v, %v; want the system's claim.quote from not found", events, err)
	}
	if events, err := s.Events(ctx, "claim:"+found.ID, 5); err != nil || len(events) == 0 || events[0].Action == "claim.quote" {
		t.Errorf("the claim found before: %+v, %v; want no claim.quote entry", events, err)
	}

	// Its editor changes the quote while the text is read: the mark its
	// save gave stays.
	quotes, err = s.QuotesIn(ctx, "sha-扫描件")
	if err != nil {
		t.Fatal(err)
	}
	c.Citations = []Citation{cite("学分银行管理办法", false)}
	if err := s.UpdateClaim(ctx, c, "zhang"); err != nil {
		t.Fatal(err)
	}
	for i, q := range quotes {
		again[i] = QuoteFoundAgain{Quote: q}
	}
	if n, err := s.RecordQuotesFoundAgain(ctx, again); err != nil || n != 2 {
		t.Fatalf("recorded %d changes (%v), want the unedited claim's and the value's", n, err)
	}
	if c, err := s.Claim(ctx, unfound.ID); err != nil || c.Citations[0].Quote != "学分银行管理办法" || c.Citations[0].QuoteFound {
		t.Errorf("the edited citation: %+v, %v; want it as its edit saved it", c, err)
	}
}
