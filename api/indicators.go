package api

import (
	"io"
	"net/http"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/coverage"
	"github.com/lcmonitor/evidence/framework"
)

// scopedCity is the city a request may look at: the coordinator's own, or
// what the request asks (all cities when empty).
func scopedCity(u *catalog.User, requested string) (city string, visible bool) {
	if u.Role != catalog.RoleCoordinator {
		return requested, true
	}
	if requested != "" && requested != u.City {
		return "", false
	}
	return u.City, true
}

func (h *handler) handleIndicatorTree(w http.ResponseWriter, r *http.Request) {
	city, ok := scopedCity(userFrom(r.Context()), r.URL.Query().Get("city"))
	if !ok {
		h.writeError(w, r, catalog.Errorf(catalog.ENOTFOUND, "城市 %s 不存在", r.URL.Query().Get("city")))
		return
	}
	fw, inds, err := h.Catalog.CurrentFramework(r.Context())
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	linked, err := h.Catalog.LinkedDocuments(r.Context(), city)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{
		"framework":  map[string]any{"id": fw.ID, "name": fw.Name, "name_en": fw.NameEN, "version": fw.Version, "imported_at": fw.ImportedAt},
		"city":       city,
		"indicators": coverage.Tree(inds, linked),
	})
}

func (h *handler) handleIndicatorEvidence(w http.ResponseWriter, r *http.Request) {
	limit, err := intParam(r.URL.Query().Get("limit"), 10, "limit")
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	ev, err := h.Search.IndicatorEvidence(r.Context(), r.PathValue("code"), r.URL.Query().Get("city"),
		userFrom(r.Context()), min(max(limit, 0), 100))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	ind := ev.Indicator
	h.writeJSON(w, r, http.StatusOK, map[string]any{
		"indicator": map[string]any{"code": ind.Code, "name": ind.Name, "kind": ind.Kind, "info": ind.Info, "level": ind.Level},
		"documents": ev.Items,
	})
}

func (h *handler) handleCoverage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	round, err := intParam(q.Get("round"), 0, "round")
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	city, ok := scopedCity(userFrom(r.Context()), q.Get("city"))
	if !ok {
		h.writeError(w, r, catalog.Errorf(catalog.ENOTFOUND, "城市 %s 不存在", q.Get("city")))
		return
	}
	m, err := coverage.Load(r.Context(), h.Catalog, round, city)
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
	r.Body = http.MaxBytesReader(w, r.Body, maxFrameworkBytes)
	file, hdr, err := r.FormFile("file")
	if err != nil {
		h.writeError(w, r, catalog.Errorf(catalog.EINVALID, "请在字段 file 中上传指标体系文件(.yaml、.xlsx 或 .csv,不超过 10 MiB)"))
		return
	}
	defer file.Close()
	data, err := io.ReadAll(file)
	if err != nil {
		h.writeError(w, r, catalog.Errorf(catalog.EINVALID, "无法读取上传的文件"))
		return
	}
	meta := catalog.Framework{ID: r.FormValue("id"), Name: r.FormValue("name"), Version: r.FormValue("version")}
	p, err := framework.Parse(hdr.Filename, data, meta)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	rep, err := h.Catalog.ImportFramework(r.Context(), p.Framework, p.Indicators, u.Username)
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
		"indicators": len(p.Indicators), "added": nonNil(rep.Added), "removed": nonNil(rep.Removed), "orphan_links": orphans,
	})
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func (h *handler) handleCities(w http.ResponseWriter, r *http.Request) {
	cities, err := h.Catalog.Cities(r.Context())
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	out := make([]map[string]string, len(cities))
	for i, c := range cities {
		out[i] = map[string]string{"code": c.Code, "name": c.Name}
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"cities": out})
}

func (h *handler) handleCityCreate(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	var in struct{ Code, Name string }
	err := requireAdmin(u)
	if err == nil {
		err = readJSON(r, &in)
	}
	if err == nil {
		err = h.Catalog.AddCity(r.Context(), catalog.City{Code: in.Code, Name: in.Name}, u.Username)
	}
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusCreated, map[string]any{"city": map[string]string{"code": in.Code, "name": in.Name}})
}

func (h *handler) handleRounds(w http.ResponseWriter, r *http.Request) {
	rounds, err := h.Catalog.Rounds(r.Context())
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	out := make([]map[string]any, len(rounds))
	for i, rd := range rounds {
		out[i] = map[string]any{"year": rd.Year, "label": rd.Label, "current": rd.Current}
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
	err := requireAdmin(u)
	if err == nil {
		err = readJSON(r, &in)
	}
	if err == nil {
		err = h.Catalog.AddRound(r.Context(), catalog.Round{Year: in.Year, Label: in.Label, Current: in.Current}, u.Username)
	}
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusCreated, map[string]any{"round": map[string]any{"year": in.Year, "label": in.Label, "current": in.Current}})
}
