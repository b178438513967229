// Package report builds a city's monitoring report (监测报告) for a round
// from the catalog — every key indicator with its status, value, claims
// and verdicts, and the evidence behind it (title, 文号, date, page) — and
// writes it as XLSX (excelize) or DOCX.
//
// DOCX is written by hand: a zip of WordprocessingML parts whose body is
// made with encoding/xml's escaping (xml.EscapeText) from the report
// struct. The Go ecosystem offers no maintained free DOCX writer, and the
// parts a report needs (headings, paragraphs, one table style) are few and
// stable, so a small writer of our own is safer than an unmaintained
// dependency and keeps the file editable in Word and WPS.
package report
