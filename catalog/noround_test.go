package catalog

import (
	"context"
	"database/sql"
	"strings"
	"testing"
)

func TestBlankRoundOfAnArchiveWithNoRound(t *testing.T) {
	forEachStore(t, testBlankRoundOfAnArchiveWithNoRound)
}

// testBlankRoundOfAnArchiveWithNoRound: a round left blank is the current
// one; with no round set up at all it is a mistake about the field that
// says so and who sets one up, in Chinese and English, never "监测轮次 0
// 不存在" (probe s51: the link and claim forms said that). A write held
// on a round of 0 says the same.
func testBlankRoundOfAnArchiveWithNoRound(t *testing.T, s *Store) {
	ctx := context.Background()
	if got, err := s.BlankRound(ctx, "round"); err != nil || got != 2018 {
		t.Fatalf("blank round with 2017 and 2018 (current): %d %v, want 2018", got, err)
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM round`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	const zh = "尚未设置监测轮次，请管理员先在“系统管理”页的“监测轮次”中新建"
	const en = "No monitoring round is set up yet; an administrator creates one first under Rounds on the Administration page"
	_, blank := s.BlankRound(ctx, "round")
	hold := s.inTx(ctx, func(tx *sql.Tx) error { return s.holdRound(ctx, tx, 0) })
	for name, err := range map[string]error{"BlankRound": blank, "holdRound(0)": hold} {
		if ErrorCode(err) != EINVALID || ErrorField(err) != "round" || ErrorMessage(err) != zh || MessageWords(err).English != en {
			t.Errorf("%s with no round: %v (%s, field %q, English %q), want EINVALID about round saying %q",
				name, err, ErrorCode(err), ErrorField(err), MessageWords(err).English, zh)
		}
		if strings.Contains(ErrorMessage(err), "0") {
			t.Errorf("%s with no round names a round 0: %q", name, ErrorMessage(err))
		}
	}
}
