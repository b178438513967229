package web

import (
	"net/http"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/documents"
)

// The template functions of the search thumbnails and of English names
// (issue 16), kept apart from funcs.go so they land without touching it.
func init() {
	// thumbable reports whether a hit of this MIME type has page
	// thumbnails on this machine; without pdftoppm a PDF hit shows none
	// rather than a broken image.
	funcs["thumbable"] = documents.HasThumbnail
	// en is the English text when the page is English and there is one,
	// else the Chinese.
	funcs["en"] = func(l Lang, zh, en string) string {
		if l == English && en != "" {
			return en
		}
		return zh
	}
	// cityname is a city's name in the page's language.
	funcs["cityname"] = func(l Lang, code, name string) string {
		if l == English {
			if en := catalog.CityNameEN(code, name); en != "" {
				return en
			}
		}
		return name
	}
	// indname is a key indicator's name in the page's language: the
	// framework's name_en on English pages.
	funcs["indname"] = func(v view, code, name string) string {
		if en := v.IndicatorsEN[code]; v.Lang == English && en != "" {
			return en
		}
		return name
	}
	// keptname is a key indicator as a past round that keeps its names
	// has it, with today's name beside one renamed since (旧名（现名：新名）);
	// "" for a round that follows the framework: indname then.
	funcs["keptname"] = func(v view, round int, code string) string {
		return v.kept.name(round, code)
	}
}

// indicatorNamesEN are the English names (name_en) of the current
// framework's indicators by code, for English pages; nil when there is
// no framework or the catalog does not answer (the Chinese names show).
func (h *handler) indicatorNamesEN(r *http.Request) map[string]string {
	if h.Framework == nil {
		return nil
	}
	_, inds, err := h.Framework.Current(r.Context())
	if err != nil {
		return nil
	}
	out := make(map[string]string, len(inds))
	for _, ind := range inds {
		if ind.NameEN != "" {
			out[ind.Code] = ind.NameEN
		}
	}
	return out
}

// indicatorTitle is a key indicator as a page's title names it, like its
// heading: the code and the name in l, the framework's name_en on English
// pages when it has one.
func indicatorTitle(l Lang, code, name, nameEN string) string {
	if l == English && nameEN != "" {
		name = nameEN
	}
	return code + " " + name
}

// cityLabel is a city's name in lang.
func cityLabel(l Lang, c catalog.City) string {
	if l == English {
		return c.EnglishName()
	}
	return c.Name
}
