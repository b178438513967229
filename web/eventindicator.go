package web

import (
	"context"
	"net/url"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// indicatorObjectFilter is f naming a key indicator, for the events of its
// claims, values and links: by its code (2.1.3) or name, whole or a part,
// in either language; a word of what was typed that names a city (its
// name or code: 杭州市 2.1.3) narrows them to that city, so that a
// reviewer finds everything done to one indicator's evidence in one city.
// Several indicators called so are offered to choose from.
func (h *handler) indicatorObjectFilter(ctx context.Context, l Lang, f objectFilter, cities []catalog.City) (objectFilter, error) {
	var words []string
	for _, w := range strings.Fields(f.Text) {
		if c, ok := cityCalled(l, cities, w); ok && f.City == "" {
			f.City = c.Code
			continue
		}
		words = append(words, w)
	}
	var inds []catalog.Indicator
	if h.Framework != nil {
		var err error
		if inds, err = h.Framework.KeyIndicators(ctx); err != nil {
			return f, err
		}
	}
	called := indicatorsCalled(inds, strings.Join(words, " "))
	switch {
	case len(words) == 0 || len(called) == 0:
		f.City, f.Missing = "", true
	case len(called) == 1:
		f.Indicator = called[0].Code
	default:
		for _, ind := range called[:min(len(called), maxCalledDocuments)] {
			text := ind.Code
			if f.City != "" {
				text += " " + f.City
			}
			f.Choices = append(f.Choices, option{eventsLink(url.Values{"kind": {"indicator"}, "object": {text}}), indicatorLabel(l, ind), false})
		}
		f.City = ""
	}
	return f, nil
}

// cityCalled is the city of cities that word names: its code, its name
// with or without 市 (杭州, 杭州市) or its name as l writes it.
func cityCalled(l Lang, cities []catalog.City, word string) (catalog.City, bool) {
	for _, c := range cities {
		if c.Code == word || strings.TrimSuffix(c.Name, "市") == strings.TrimSuffix(word, "市") || strings.EqualFold(cityLabel(l, c), word) {
			return c, true
		}
	}
	return catalog.City{}, false
}

// indicatorsCalled are the indicators of inds that text names: the one of
// that code or name, else those whose name holds it, in framework order.
func indicatorsCalled(inds []catalog.Indicator, text string) []catalog.Indicator {
	if text == "" {
		return nil
	}
	lower := strings.ToLower(text)
	var part []catalog.Indicator
	for _, ind := range inds {
		if ind.Code == text || ind.Name == text || strings.EqualFold(ind.NameEN, text) {
			return []catalog.Indicator{ind}
		}
		if strings.Contains(ind.Name, text) || ind.NameEN != "" && strings.Contains(strings.ToLower(ind.NameEN), lower) {
			part = append(part, ind)
		}
	}
	return part
}

// indicatorLabel is an indicator's code and name as l writes them.
func indicatorLabel(l Lang, ind catalog.Indicator) string {
	name := ind.Name
	if l == English && ind.NameEN != "" {
		name = ind.NameEN
	}
	return ind.Code + " " + name
}
