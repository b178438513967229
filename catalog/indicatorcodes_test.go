package catalog

import (
	"context"
	"strings"
	"testing"
)

// A code is known while any history names it: a framework of a round, a
// link, or an event of the audit log (a claim on an indicator dropped
// from the framework since). A code nothing names is refused, on the
// field indicator, naming it.
func TestIndicatorFilterKnowsCodesTheAuditLogNames(t *testing.T) {
	forEachStore(t, testIndicatorFilterKnowsCodesTheAuditLogNames)
}

func testIndicatorFilterKnowsCodesTheAuditLogNames(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1")
	err := s.RecordEvent(ctx, Event{User: "wang", Action: "claim.create", Object: "claim:C1",
		Detail: map[string]any{"indicator": "2.3.1", "city": "330100", "statement": "杭州市建立学分银行"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"1.1.1", "2.3.1", ""} {
		if err := s.CheckIndicatorFilter(ctx, code); err != nil {
			t.Errorf("filter by %q: %v; want it known", code, err)
		}
	}
	for _, code := range []string{"9.9.9", "../../etc"} {
		err := s.CheckIndicatorFilter(ctx, code)
		if ErrorCode(err) != EINVALID || ErrorField(err) != "indicator" || !strings.Contains(ErrorMessage(err), "没有编码为 "+code+" 的指标") {
			t.Errorf("filter by %q: %v; want EINVALID on indicator, 没有编码为 %s 的指标", code, err, code)
		}
	}
}
