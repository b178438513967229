package web

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/documents"
	"github.com/lcmonitor/evidence/neardup"
)

// nearDupView is one other version of a document, as its page lists it.
type nearDupView struct {
	ID, Title, CityName, Percent string
	// What tells versions of one title apart: the file, its format, when
	// it was uploaded, its round, and the indicators it is linked to and
	// the citations it has (Linked joined; none: neither).
	Filename, Format, Uploaded, Round, Linked string
	Cited                                     int
	// Label is the words of its relation (a message key taking Percent):
	// similarity, or part of one another (部分重复).
	Label    string
	Selected bool
}

// relationLabels are the message keys of the relations of a near
// duplicate to the document shown.
var relationLabels = map[catalog.Relation]string{catalog.Near: "doc.neardup.similarity",
	catalog.PartOf: "doc.neardup.part_of", catalog.HasPart: "doc.neardup.contains"}

// diffView is what changed from the document shown to another version.
type diffView struct {
	OtherTitle string
	Lines      []diffLineView
	Same       bool // only layout, punctuation or spaces differ
	// ByOCR: one of the two was read by OCR, so some differences are
	// misreads, which the similarity shown forgives.
	ByOCR bool
}

// diffLineView is one sentence of a diff: Class is equal, del, ins or
// skip; changed parts are marked up by the template, every text escaped.
type diffLineView struct {
	Class   string
	Parts   []neardup.Part
	Skipped int
}

var diffClass = map[neardup.Op]string{neardup.Equal: "equal", neardup.Delete: "del", neardup.Insert: "ins", neardup.Skip: "skip"}

// fillNearDuplicates lists the document's near duplicates and the diff
// with the one asked for (the first by default).
func (h *handler) fillNearDuplicates(r *http.Request, p *documentPage, nds []catalog.NearDuplicate) error {
	if len(nds) == 0 {
		return nil
	}
	cities, err := h.Framework.Cities(r.Context())
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, c := range cities {
		names[c.Code] = cityLabel(langOf(r), c)
	}
	chosen := r.URL.Query().Get("compare")
	if chosen == "" {
		chosen = nds[0].ID
	}
	for _, n := range nds {
		label, ok := relationLabels[n.Relation]
		if !ok {
			label = relationLabels[catalog.Near]
		}
		p.NearDups = append(p.NearDups, nearDupView{ID: n.ID, Title: n.Title, CityName: names[n.City],
			Percent: fmt.Sprintf("%.1f%%", n.Similarity*100), Label: label, Selected: n.ID == chosen,
			Filename: n.Filename, Format: strings.ToUpper(n.Format), Uploaded: catalog.ShowTime(n.UploadedAt), Round: n.Round,
			Linked: strings.Join(n.Linked, tr(langOf(r), "list.sep")), Cited: n.Cited})
		if n.Relation == catalog.Near {
			w := documents.VersionNotice(n)
			p.VersionNotices = append(p.VersionNotices, map[bool]string{false: w.Chinese, true: w.English}[langOf(r) == English])
			p.VersionsKey = strings.TrimPrefix(p.VersionsKey+","+n.ID, ",")
		}
	}
	cmp, err := h.Documents.Compare(r.Context(), sessionFrom(r).User, p.Doc.ID, chosen)
	if catalog.ErrorCode(err) == catalog.ENOTFOUND || catalog.ErrorCode(err) == catalog.ECONFLICT {
		return nil // not one of its versions, or its text is not there: the list alone
	}
	if code := catalog.ErrorCode(err); code == catalog.ETOOLARGE || code == catalog.EUNAVAILABLE {
		p.DiffNote = errorText(langOf(r), err) // the list, and why no diff
		return nil
	}
	if err != nil {
		return err
	}
	p.Diff = &diffView{OtherTitle: cmp.Other.Title, Same: true, ByOCR: p.Doc.Reading.ByOCR() || cmp.Other.Reading.ByOCR()}
	for _, l := range cmp.Lines {
		p.Diff.Lines = append(p.Diff.Lines, diffLineView{Class: diffClass[l.Op], Parts: shownParts(l.Parts), Skipped: l.Skipped})
		p.Diff.Same = p.Diff.Same && (l.Op == neardup.Equal || l.Op == neardup.Skip)
	}
	return nil
}

// shownParts are the parts of a diff line with their punctuation as the
// documents write it, each part read within the whole line
// (catalog.ShownText).
func shownParts(parts []neardup.Part) []neardup.Part {
	var line strings.Builder
	for _, pt := range parts {
		line.WriteString(pt.Text)
	}
	text := line.String()
	shown := catalog.NewShownText(text, 0, len(text))
	out := make([]neardup.Part, len(parts))
	at := 0
	for i, pt := range parts {
		at += len(pt.Text)
		out[i] = neardup.Part{Text: shown.Next(at), Changed: pt.Changed}
	}
	return out
}
