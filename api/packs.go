package api

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/packs"
)

// handleEvidencePack streams a city's evidence pack for a round, in the
// language asked for as a report is (reportLang). Scope and
// round are checked before the first byte; once the ZIP has started, a
// failure can no longer be a JSON error, so the connection is cut and the
// client holds a truncated download rather than a pack that looks whole.
func (h *handler) handleEvidencePack(w http.ResponseWriter, r *http.Request) {
	round, err := catalog.ParseRound("round", r.URL.Query().Get("round"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	p, err := h.Packs.Prepare(r.Context(), userFrom(r.Context()), r.PathValue("city"), round)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	p.Report.Lang = reportLang(r)
	if code := r.URL.Query().Get("indicator"); code != "" {
		if err := p.Only(code); err != nil {
			h.writeError(w, r, err)
			return
		}
	}
	if err := h.checkPackOriginals(r.Context(), p); err != nil {
		h.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": p.Filename()}))
	w.Header().Set("Cache-Control", "no-store")
	if err := p.WriteTo(r.Context(), w); err != nil {
		if d := (*packs.DamagedError)(nil); errors.As(err, &d) {
			h.flagPackOriginal(r.Context(), d.Document) // the next request names it before the first byte
		}
		h.Logger.Error("evidence pack cut short", "city", p.Report.City.Code, "round", p.Report.Round, "err", err)
		panic(http.ErrAbortHandler)
	}
	h.logPackVerdicts(p)
}

// logPackVerdicts logs the damaged flags the pack cleared (originals it
// found whole again) and what of its verdicts the catalog could not
// record (a later pack hashes those again).
func (h *handler) logPackVerdicts(p *packs.Pack) {
	for _, d := range p.Cleared() {
		h.Logger.Info("evidence pack found a flagged original whole; flag cleared", "id", d.ID, "sha256", d.SHA256)
	}
	if err := p.Unrecorded(); err != nil {
		h.Logger.Warn("evidence pack: verdicts on originals not recorded", "city", p.Report.City.Code, "err", err)
	}
}

// checkPackOriginals hashes the originals of the pack before its first
// byte is sent (packs.Pack.CheckOriginals: a few at once, not again when
// hashed whole before and unchanged since, within a budget that keeps the
// first byte inside a proxy's patience): a damaged or missing one is an
// error naming the documents and how to mend them, and is recorded on
// each (its page says so), where it used to cut the ZIP short with the
// reason in the log only. One left unchecked by the budget is hashed as
// it is sent, as every original is.
func (h *handler) checkPackOriginals(ctx context.Context, p *packs.Pack) error {
	start := time.Now()
	c, err := p.CheckOriginals(ctx)
	if err != nil {
		return fmt.Errorf("check the originals of the pack: %w", err)
	}
	h.Logger.Info("evidence pack originals checked", "city", p.Report.City.Code, "originals", len(p.Docs),
		"hashed", c.Hashed, "reused", c.Reused, "unchecked", c.Unchecked, "damaged", len(c.Damaged), "cleared", len(c.Cleared), "took", time.Since(start))
	var damaged []string
	for _, d := range c.Damaged {
		damaged = append(damaged, d.Title)
		h.flagPackOriginal(ctx, d)
	}
	if len(damaged) == 0 {
		return nil
	}
	h.logPackVerdicts(p)
	return catalog.Errorf(catalog.ECONFLICT, "佐证材料包中有 %d 份原件已损坏或缺失：%s；请用同一文件重新上传这些文档（上传页），档案会用它们修复原件，然后再下载佐证材料包；没有上传权限的请联系本市协调员或管理员", len(damaged), damagedTitles(damaged))
}

// damagedTitles names at most five of the pack's damaged originals by
// title: in 《》 in Chinese, in “” in English, as the document's own
// message does.
func damagedTitles(titles []string) catalog.Words {
	var zh, en []string
	for _, t := range titles[:min(len(titles), 5)] {
		w := catalog.TitleWords(t)
		zh, en = append(zh, w.Chinese), append(en, w.English)
	}
	w := catalog.Words{Chinese: strings.Join(zh, "、"), English: strings.Join(en, ", ")}
	if len(titles) > 5 {
		w.Chinese += "等"
		w.English += " and others"
	}
	return w
}

// flagPackOriginal records that the pack found d's original damaged or
// missing; a failure to record it is logged, the pack's answer stands.
func (h *handler) flagPackOriginal(ctx context.Context, d *catalog.Document) {
	if err := h.Documents.OriginalFoundDamaged(ctx, d, "pack", userFrom(ctx).Username); err != nil {
		h.Logger.Error("record a damaged original", "id", d.ID, "err", err)
	}
}
