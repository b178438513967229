package values

import (
	"context"

	"github.com/lcmonitor/evidence/catalog"
)

// ReturnedSources warns of each cited document the coordinator returned
// (退回) on a task and that nobody handed in again (catalog.Store.
// ReturnedSources): a value or claim citing it rests on a file sent back,
// most often because a corrected one (盖章版) replaced it (probe s42
// finding 2). A warning, not a refusal, as LaterSources: the product
// refuses nothing else a coordinator cites from the city's archive, and
// the return may have been about another task.
func (s *Service) ReturnedSources(ctx context.Context, cites []catalog.Citation) ([]catalog.Words, error) {
	ids := make([]string, 0, len(cites))
	for _, c := range cites {
		ids = append(ids, c.DocumentID)
	}
	returned, err := s.cat.ReturnedSources(ctx, ids)
	if err != nil || len(returned) == 0 {
		return nil, err
	}
	docs, err := s.cat.DocumentsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	var out []catalog.Words
	seen := map[string]bool{}
	for _, id := range ids {
		r, ok := returned[id]
		d := docs[id]
		if !ok || d == nil || seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, returnedWords(d, r))
	}
	return out, nil
}

// returnedWords warns of d, cited, as r returned it.
func returnedWords(d *catalog.Document, r catalog.ReturnedFile) catalog.Words {
	return catalog.MessageWords(catalog.Errorf(catalog.EINVALID,
		"所引文档《%s》已于 %s 由 %s 退回（原因：%s），请改引更正后的文件",
		d.Title, catalog.ShowTime(r.At), r.By, catalog.TypedText(r.Reason)))
}

// SourceWarnings are LaterSources and ReturnedSources of cites, in that
// order.
func (s *Service) SourceWarnings(ctx context.Context, round int, cites []catalog.Citation) ([]catalog.Words, error) {
	later, err := s.LaterSources(ctx, round, cites)
	if err != nil {
		return nil, err
	}
	returned, err := s.ReturnedSources(ctx, cites)
	if err != nil {
		return nil, err
	}
	return append(later, returned...), nil
}
