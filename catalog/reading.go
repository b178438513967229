package catalog

import (
	"database/sql"
	"strconv"
	"strings"
)

// encodeReading turns a Reading into its three columns.
func encodeReading(r Reading) (sources string, confidence sql.NullFloat64, seals string) {
	allText := true
	for _, s := range r.PageSources {
		allText = allText && s == SourceText
	}
	if !allText {
		sources = strings.Join(r.PageSources, ",")
	}
	if r.OCRConfidence != nil {
		confidence = sql.NullFloat64{Float64: *r.OCRConfidence, Valid: true}
	}
	pages := make([]string, len(r.SealPages))
	for i, p := range r.SealPages {
		pages[i] = strconv.Itoa(p)
	}
	return sources, confidence, strings.Join(pages, ",")
}

func decodeReading(sources string, confidence sql.NullFloat64, seals string) Reading {
	var r Reading
	if sources != "" {
		r.PageSources = strings.Split(sources, ",")
	}
	if confidence.Valid {
		c := confidence.Float64
		r.OCRConfidence = &c
	}
	for _, p := range strings.Split(seals, ",") {
		if n, err := strconv.Atoi(p); err == nil {
			r.SealPages = append(r.SealPages, n)
		}
	}
	return r
}

// Sources returns the source of each of pages pages: the recorded ones,
// or "text" for every page when none were recorded (born-digital files,
// and documents extracted before sources existed). Empty before
// extraction.
func (r Reading) Sources(pages int) []string {
	if len(r.PageSources) > 0 {
		return r.PageSources
	}
	out := make([]string, pages)
	for i := range out {
		out[i] = SourceText
	}
	return out
}
