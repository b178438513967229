package catalog

import (
	"context"
	"testing"
)

// TestAKeptNameWithAnInvisibleCharacterIsCorrected: 2018's framework
// came in with a zero-width space (U+200B) in 1.1.1's names, kept when
// 2019 was made current. The admin's page sends those names back as the
// ones it showed (WasName, WasNameEN); the store cleans them, and must
// clean the names it holds alike to see nobody changed them since:
// otherwise every correction of the name is refused as stale.
func TestAKeptNameWithAnInvisibleCharacterIsCorrected(t *testing.T) {
	forEachStore(t, testAKeptNameWithAnInvisibleCharacterIsCorrected)
}

func testAKeptNameWithAnInvisibleCharacterIsCorrected(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
	shown, shownEN := "社区教\u200b肓覆盖率", "Commu\u200bnity coverage"
	fw, inds, err := s.CurrentFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range inds {
		if inds[i].Code == "1.1.1" {
			inds[i].Name, inds[i].NameEN = shown, shownEN
		}
	}
	if _, err := s.ImportFramework(ctx, *fw, inds, "admin"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddRound(ctx, Round{Year: 2019, Current: true}, "admin"); err != nil {
		t.Fatal(err)
	}
	p := func(v string) *string { return &v }
	c, err := s.CorrectRoundNames(ctx, 2018, "1.1.1", RoundNameEdit{Name: p("社区教育覆盖率"), WasName: p(shown), WasNameEN: p(shownEN)}, "li")
	if err != nil || c.New != "社区教育覆盖率" {
		t.Fatalf("correcting the Chinese name shown with U+200B: %+v %v, want it made", c, err)
	}
	c, err = s.CorrectRoundNames(ctx, 2018, "1.1.1", RoundNameEdit{NameEN: p("Community coverage rate"), WasName: p("社区教育覆盖率"), WasNameEN: p(shownEN)}, "li")
	if err != nil || c.NewEN != "Community coverage rate" {
		t.Fatalf("correcting the English name shown with U+200B: %+v %v, want it made", c, err)
	}
	if _, err := s.CorrectRoundNames(ctx, 2018, "1.1.1", RoundNameEdit{Name: p("社区教育普及率"), WasName: p(shown)}, "li"); ErrorCode(err) != ECONFLICT {
		t.Errorf("a correction from the name before the last one: %v, want ECONFLICT", err)
	}
}
