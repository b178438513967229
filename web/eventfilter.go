package web

import (
	"context"
	"net/url"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// eventObjectKinds are the kinds of object the audit log's 对象 filter
// offers, in its order. "" takes what is typed as the log writes it
// (user:zhou, claim:ID, a document's bare ID): the form of old links.
var eventObjectKinds = []string{"", "document", "indicator", "claim", "value", "assignment", "user", "city"}

// maxCalledDocuments bounds the documents offered when several are
// called by what was typed.
const maxCalledDocuments = 20

// objectFilter is the 对象 filter as the admin chose it (a kind and what
// was typed) and what it asks the log for.
type objectFilter struct {
	Kind, Text string
	// Object is the log's object the events are about; "" when nothing
	// was asked, or when what was typed names no one document (Choices,
	// Missing), and then no events are listed.
	Object string
	// Indicator is the code of the key indicator whose claims', values'
	// and links' events are asked for, City (a code) the city they are
	// narrowed to; "" when the kind is not indicator.
	Indicator, City string
	// Choices are the documents (or indicators) called by what was typed
	// when there are several, each a link that filters by it.
	Choices []option
	// Missing says nothing is called by what was typed.
	Missing bool
}

// Asked reports whether the filter asks for anything.
func (f objectFilter) Asked() bool { return f.Text != "" }

// Unresolved reports whether the filter asks for something it could not
// name as one object: no events are listed then.
func (f objectFilter) Unresolved() bool { return f.Asked() && f.Object == "" && f.Indicator == "" }

// ChooseWords and MissingWords are the words' keys of the offer of
// several things called by what was typed, and of none: documents, or
// indicators.
func (f objectFilter) ChooseWords() string {
	if f.Kind == "indicator" {
		return "admin.events.choose_indicator"
	}
	return "admin.events.choose"
}

func (f objectFilter) MissingWords() string {
	if f.Kind == "indicator" {
		return "admin.events.missing_indicator"
	}
	return "admin.events.missing"
}

// KindChoices are the filter's kinds as options, the chosen one selected.
func (f objectFilter) KindChoices(l Lang) []option {
	opts := make([]option, len(eventObjectKinds))
	for i, k := range eventObjectKinds {
		opts[i] = option{k, tr(l, "admin.events.kind."+k), k == f.Kind}
		if k == "" {
			opts[i].Label = tr(l, "admin.events.kind_typed")
		}
	}
	return opts
}

// eventObjectFilter reads the 对象 filter: a document by its ID, 文号,
// title (or a part of it) or file name, deleted ones too; a key indicator
// by its code or name, a city's name or code beside it; a claim, value
// or task by its ID; a user by name; a city by name or code. What holds a
// colon (claim:ID, user:zhou) is taken as the log writes it, whatever the
// kind, as links made before the kinds do.
func (h *handler) eventObjectFilter(ctx context.Context, l Lang, u *catalog.User, kind, text string, cities []catalog.City) (objectFilter, error) {
	f := objectFilter{Kind: kind, Text: strings.TrimSpace(text)}
	switch {
	case f.Text == "":
		return f, nil
	case f.Kind == "" || strings.Contains(f.Text, ":"):
		f.Object = f.Text
	case f.Kind == "document":
		return h.documentObjectFilter(ctx, l, u, f)
	case f.Kind == "indicator":
		return h.indicatorObjectFilter(ctx, l, f, cities)
	case f.Kind == "city":
		f.Object = "city:" + f.Text
		for _, c := range cities {
			if c.Code == f.Text || c.Name == f.Text || cityLabel(l, c) == f.Text {
				f.Object = "city:" + c.Code
			}
		}
	default:
		f.Object = f.Kind + ":" + f.Text
	}
	return f, nil
}

// documentObjectFilter is f naming a document: its ID, else the one
// document called so; several are offered to choose from.
func (h *handler) documentObjectFilter(ctx context.Context, l Lang, u *catalog.User, f objectFilter) (objectFilter, error) {
	named, err := h.Documents.Names(ctx, u, []string{f.Text})
	if err != nil {
		return f, err
	}
	if _, ok := named[f.Text]; ok {
		f.Object = "document:" + f.Text
		return f, nil
	}
	docs, err := h.Documents.Called(ctx, u, f.Text, maxCalledDocuments)
	if err != nil {
		return f, err
	}
	switch len(docs) {
	case 0:
		f.Missing = true
	case 1:
		f.Object = "document:" + docs[0].ID
	default:
		for _, d := range docs {
			label := tr(l, "event.obj.document") + "《" + d.Title + "》"
			if l == English {
				label = tr(l, "event.obj.document") + " “" + d.Title + "”"
			}
			if d.DocNumber != "" {
				label += " " + d.DocNumber
			}
			if d.Deleted {
				label += tr(l, "event.obj.deleted")
			}
			f.Choices = append(f.Choices, option{eventsLink(url.Values{"kind": {"document"}, "object": {d.ID}}), label, false})
		}
	}
	return f, nil
}

// eventsLink is the admin page's audit log filtered by v.
func eventsLink(v url.Values) string {
	if len(v) == 0 {
		return "/admin#events"
	}
	return "/admin?" + v.Encode() + "#events"
}

// eventsOfDocument and eventsOfClaim are the links from a document's and
// a claim's page to their 处理记录 in the audit log.
func eventsOfDocument(id string) string {
	return eventsLink(url.Values{"kind": {"document"}, "object": {id}})
}

func eventsOfClaim(id string) string {
	return eventsLink(url.Values{"kind": {"claim"}, "object": {id}})
}
