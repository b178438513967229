package accounts

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// The audit log's indicator filter in a city the catalog does not have
// says so (probe s46 #3): `evidence events --indicator 2.3.1 --city
// 999999` and GET /api/v1/events?indicator=2.3.1&city=999999 used to list
// nothing, read as “no change to 2.3.1 in that city”. A city it has lists
// its events, none here (2.3.1 is 宁波's).
func TestEventsOfAnIndicatorInAnUnknownCityAreRefused(t *testing.T) {
	s, cat := newService(t)
	ctx := context.Background()
	ningbo := catalog.Event{User: "li", Action: "claim.create", Object: "claim:C1",
		Detail: map[string]any{"indicator": "2.3.1", "city": "330200", "statement": "宁波市建立学分银行"}}
	if err := cat.RecordEvent(ctx, ningbo); err != nil {
		t.Fatal(err)
	}
	_, err := s.Events(ctx, admin, catalog.EventFilter{Indicator: "2.3.1", IndicatorCity: "999999", Limit: 10})
	if catalog.ErrorField(err) != "city" || catalog.ErrorCode(err) != catalog.EINVALID {
		t.Errorf("events of 2.3.1 in city 999999: %v, want EINVALID on city naming it", err)
	}
	if events, err := s.Events(ctx, admin, catalog.EventFilter{Indicator: "2.3.1", IndicatorCity: "330100", Limit: 10}); err != nil || len(events) != 0 {
		t.Errorf("events of 2.3.1 in 杭州 (330100): %v %v, want none and no error", events, err)
	}
}

// An indicator code that nothing names, a framework, a link or an event,
// is refused on the field indicator, naming it (probe s46 #3): `evidence
// events --indicator 9.9.9` (which calls Events locally, and through GET
// /api/v1/events with --server) listed nothing and ended well, read as
// "no change to 9.9.9". An indicator dropped from the framework keeps its
// history: one an event names lists it.
func TestEventsOfAnUnknownIndicatorAreRefused(t *testing.T) {
	s, cat := newService(t)
	ctx := context.Background()
	dropped := catalog.Event{User: "wang", Action: "claim.create", Object: "claim:C1",
		Detail: map[string]any{"indicator": "2.3.1", "city": "330100", "statement": "杭州市建立学分银行"}}
	if err := cat.RecordEvent(ctx, dropped); err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"9.9.9", "../../etc"} {
		_, err := s.Events(ctx, admin, catalog.EventFilter{Indicator: code, Limit: 10})
		if catalog.ErrorField(err) != "indicator" || catalog.ErrorCode(err) != catalog.EINVALID ||
			!strings.Contains(catalog.ErrorMessage(err), "没有编码为 "+code+" 的指标") {
			t.Errorf("events of %s: %v, want EINVALID on indicator naming it", code, err)
		}
	}
	if events, err := s.Events(ctx, admin, catalog.EventFilter{Indicator: "2.3.1", Limit: 10}); err != nil || len(events) != 1 {
		t.Errorf("events of 2.3.1, dropped from the framework: %v %v, want its claim", events, err)
	}
}
