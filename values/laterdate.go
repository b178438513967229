package values

import (
	"context"
	"fmt"
	"strconv"

	"github.com/lcmonitor/evidence/catalog"
)

// LaterSources warns of each cited document written (成文日期) in a year
// after round: a 2018 claim or value citing a 2023 work summary may cite
// the wrong round's material (probe s41 observation 10). A warning, not
// a refusal: a later document may report on an earlier year. Documents
// without a date, or gone, say nothing.
func (s *Service) LaterSources(ctx context.Context, round int, cites []catalog.Citation) ([]catalog.Words, error) {
	ids := make([]string, 0, len(cites))
	for _, c := range cites {
		ids = append(ids, c.DocumentID)
	}
	docs, err := s.cat.DocumentsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	return laterIn(docs, round, ids), nil
}

// warnLater adds to each of vs the warning LaterSources gives of its
// source, the documents of all read in one query: a listing warns as a
// value read alone does.
func (s *Service) warnLater(ctx context.Context, vs ...*catalog.Value) error {
	if len(vs) == 0 {
		return nil
	}
	ids := make([]string, len(vs))
	for i, v := range vs {
		ids[i] = v.Citation.DocumentID
	}
	docs, err := s.cat.DocumentsByID(ctx, ids)
	if err != nil {
		return fmt.Errorf("dates of value sources: %w", err)
	}
	returned, err := s.cat.ReturnedSources(ctx, ids)
	if err != nil {
		return fmt.Errorf("returns of value sources: %w", err)
	}
	for _, v := range vs {
		v.Warnings = append(v.Warnings, laterIn(docs, v.Round, []string{v.Citation.DocumentID})...)
		if r, ok := returned[v.Citation.DocumentID]; ok && docs[v.Citation.DocumentID] != nil {
			v.Warnings = append(v.Warnings, returnedWords(docs[v.Citation.DocumentID], r))
		}
	}
	return nil
}

// laterIn warns of each document of ids (in docs, each once) written in
// a year after round.
func laterIn(docs map[string]*catalog.Document, round int, ids []string) []catalog.Words {
	var out []catalog.Words
	seen := map[string]bool{}
	for _, id := range ids {
		d := docs[id]
		if d == nil || seen[id] || len(d.IssuedOn) < 4 {
			continue
		}
		seen[id] = true
		if year, err := strconv.Atoi(d.IssuedOn[:4]); err == nil && year > round {
			out = append(out, catalog.MessageWords(catalog.Errorf(catalog.EINVALID,
				"出处《%s》成文于 %s，晚于本轮（%d年度）；请核对所引材料是否属于本轮", d.Title, d.IssuedOn, round)))
		}
	}
	return out
}
