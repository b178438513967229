package api

import (
	"net/http"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/search"
)

func (h *handler) handleIndicatorTree(w http.ResponseWriter, r *http.Request) {
	if err := h.cityInReach(r, userFrom(r.Context()), r.URL.Query().Get("city")); err != nil {
		h.writeError(w, r, err)
		return
	}
	t, err := h.Coverage.Tree(r.Context(), userFrom(r.Context()), r.URL.Query().Get("city"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	fw := t.Framework
	h.writeJSON(w, r, http.StatusOK, map[string]any{
		"framework":  map[string]any{"id": fw.ID, "name": fw.Name, "name_en": fw.NameEN, "version": fw.Version, "imported_at": fw.ImportedAt},
		"city":       t.City,
		"indicators": t.Nodes,
	})
}

func (h *handler) handleIndicatorEvidence(w http.ResponseWriter, r *http.Request) {
	if err := h.cityInReach(r, userFrom(r.Context()), r.URL.Query().Get("city")); err != nil {
		h.writeError(w, r, err)
		return
	}
	limit, err := intParam(r.URL.Query().Get("limit"), 10, "limit")
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	// round=, when given, is a known round (IndicatorEvidence refuses an
	// unknown one): 0 would silently mean no round at all.
	round, err := search.RoundParam(r.URL.Query().Get("round"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	ev, err := h.Search.IndicatorEvidence(r.Context(), r.PathValue("code"), r.URL.Query().Get("city"), round,
		userFrom(r.Context()), min(max(limit, 0), 100))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	ind := ev.Indicator
	// name_en and info_en as in the tree (coverage.Node): left out when
	// the framework gives none.
	indicator := map[string]any{"code": ind.Code, "name": ind.Name, "kind": ind.Kind, "info": ind.Info, "level": ind.Level}
	if ind.NameEN != "" {
		indicator["name_en"] = ind.NameEN
	}
	if ind.InfoEN != "" {
		indicator["info_en"] = ind.InfoEN
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{
		"indicator": indicator,
		"documents": ev.Items,
		"counted":   ev.Counted,
	})
}

func (h *handler) handleCoverage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	round, err := catalog.ParseListRound("round", q.Get("round"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	m, err := h.Coverage.Matrix(r.Context(), userFrom(r.Context()), round, q.Get("city"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, m)
}

func requireAdmin(u *catalog.User) error {
	if u.Role != catalog.RoleAdmin {
		return catalog.Errorf(catalog.EFORBIDDEN, "只有管理员可以执行此操作")
	}
	return nil
}

// maxFrameworkBytes bounds an uploaded framework file.
const maxFrameworkBytes = 10 << 20

func (h *handler) handleFrameworkImport(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	if err := requireAdmin(u); err != nil {
		h.writeError(w, r, err)
		return
	}
	name, data, fields, err := readOneFile(w, r, maxFrameworkBytes,
		catalog.Errorf(catalog.EINVALID, "请在字段 file 中上传指标体系文件（.yaml、.xlsx、.xls、.et 或 .csv，不超过 %s）", ingest.FormatBytes(maxFrameworkBytes)))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	meta := catalog.Framework{ID: fields["id"], Name: fields["name"], Version: fields["version"]}
	imp := h.Framework.Import
	if formTrue(fields["next_round"]) {
		// The current round's report keeps the names it has.
		imp = h.Framework.ImportForNextRound
	}
	rep, err := imp(r.Context(), u, name, data, meta)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	orphans := make([]linkJSON, len(rep.OrphanLinks))
	for i, l := range rep.OrphanLinks {
		orphans[i] = toLinkJSON(l)
	}
	h.writeJSON(w, r, http.StatusCreated, map[string]any{
		"framework":  map[string]any{"id": rep.Framework.ID, "name": rep.Framework.Name, "version": rep.Framework.Version},
		"indicators": rep.Indicators, "added": nonNil(rep.Added), "removed": nonNil(rep.Removed), "orphan_links": orphans,
		"kept_round": rep.KeptRound,
	})
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func (h *handler) handleCities(w http.ResponseWriter, r *http.Request) {
	cities, err := h.Framework.Cities(r.Context())
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	out := make([]map[string]string, len(cities))
	for i, c := range cities {
		out[i] = map[string]string{"code": c.Code, "name": c.Name, "name_en": c.EnglishName()}
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"cities": out})
}

func (h *handler) handleCityCreate(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	var in struct{ Code, Name string }
	err := requireAdmin(u) // before reading the body
	if err == nil {
		err = readJSON(r, &in)
	}
	if err == nil {
		err = h.Framework.AddCity(r.Context(), u, catalog.City{Code: in.Code, Name: in.Name})
	}
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusCreated, map[string]any{"city": map[string]string{"code": in.Code, "name": in.Name}})
}

func (h *handler) handleRounds(w http.ResponseWriter, r *http.Request) {
	rounds, err := h.Framework.Rounds(r.Context())
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	out := make([]map[string]any, len(rounds))
	for i, rd := range rounds {
		out[i] = map[string]any{"year": rd.Year, "label": rd.Label, "current": rd.Current, "names_kept": rd.NamesKept}
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"rounds": out})
}

func (h *handler) handleRoundCreate(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	var in struct {
		Year    int    `json:"year"`
		Label   string `json:"label"`
		Current bool   `json:"current"`
	}
	err := requireAdmin(u) // before reading the body
	if err == nil {
		err = readJSON(r, &in)
	}
	if err == nil {
		err = h.Framework.AddRound(r.Context(), u, catalog.Round{Year: in.Year, Label: in.Label, Current: in.Current})
	}
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusCreated, map[string]any{"round": map[string]any{"year": in.Year, "label": in.Label, "current": in.Current}})
}
