package accounts

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// The audit log's indicator filter in a city the catalog does not have
// says so (probe s46 #3): `evidence events --indicator 2.3.1 --city
// 999999` and GET /api/v1/events?indicator=2.3.1&city=999999 used to list
// nothing, read as “no change to 2.3.1 in that city”. A city it has lists
// its events, none here.
func TestEventsOfAnIndicatorInAnUnknownCityAreRefused(t *testing.T) {
	s, _ := newService(t)
	ctx := context.Background()
	_, err := s.Events(ctx, admin, catalog.EventFilter{Indicator: "2.3.1", IndicatorCity: "999999", Limit: 10})
	if catalog.ErrorField(err) != "city" || catalog.ErrorCode(err) != catalog.EINVALID {
		t.Errorf("events of 2.3.1 in city 999999: %v, want EINVALID on city naming it", err)
	}
	if events, err := s.Events(ctx, admin, catalog.EventFilter{Indicator: "2.3.1", IndicatorCity: "330100", Limit: 10}); err != nil || len(events) != 0 {
		t.Errorf("events of 2.3.1 in 杭州 (330100): %v %v, want none and no error", events, err)
	}
}
