package catalog

import "time"

// ChinaTime is the zone every time shown to people is written in: China
// has one zone and no daylight saving, so a fixed offset is exact and
// needs no tzdata. It is named UTC+8 rather than CST, which also means
// US Central and Cuba time.
var ChinaTime = time.FixedZone("UTC+8", 8*3600)

// ShowTime writes t to the minute in China time with its zone, as every
// page, export and pack shows a time ("2026-12-01 19:58 UTC+8"), so that
// a server running on UTC never misleads anyone about when something
// happened. The zero time is "".
func ShowTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(ChinaTime).Format("2006-01-02 15:04") + " UTC+8"
}
