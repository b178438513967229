package ingest

import (
	"context"
	"fmt"

	"github.com/lcmonitor/evidence/catalog"
)

// Retry reads a failed document again for u (an admin or the city's
// coordinator): after a reader was installed, or a limit raised. A
// document that has not failed is ECONFLICT.
func (s *Service) Retry(ctx context.Context, u *catalog.User, id string) (*catalog.Document, error) {
	d, err := s.editableDocument(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if d.Status != catalog.StatusFailed {
		return nil, catalog.Errorf(catalog.ECONFLICT, "只有处理失败的文档可以重新读取；该文档%s", statusWords[d.Status])
	}
	if err := s.cat.SetStatus(ctx, catalog.StatusChange{ID: d.ID, Status: catalog.StatusStored}); err != nil {
		return nil, err
	}
	d.Status, d.Error, d.ErrorEnglish = catalog.StatusStored, "", ""
	s.log.Info("document retried", "id", d.ID, "user", u.Username)
	s.queue.push(d.ID)
	return d, nil
}

// RetryFailed puts failed documents back to stored, for the next Start to
// read them again: those of ids, or every failed document when ids is
// empty. It is for the command line, with no pipeline running; it returns
// how many it re-queued.
func RetryFailed(ctx context.Context, cat *catalog.Store, u *catalog.User, ids []string) (int, error) {
	if len(ids) == 0 {
		err := cat.DocumentsWithStatus(ctx, func(d *catalog.Document) { ids = append(ids, d.ID) }, catalog.StatusFailed)
		if err != nil {
			return 0, fmt.Errorf("list failed documents: %w", err)
		}
	}
	n := 0
	for _, id := range ids {
		d, err := cat.Document(ctx, id)
		if err != nil {
			return n, err
		}
		if err := u.CanEdit(d.City); err != nil {
			return n, err
		}
		if d.Status != catalog.StatusFailed {
			continue
		}
		if err := cat.SetStatus(ctx, catalog.StatusChange{ID: id, Status: catalog.StatusStored}); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// statusWords say a document's state in a coordinator's words, in each
// language.
var statusWords = map[catalog.Status]catalog.Words{
	catalog.StatusStored:    {Chinese: catalog.Fullwidth("已保存，正在等待提取文字"), English: "is stored and waiting for its text to be extracted"},
	catalog.StatusExtracted: {Chinese: catalog.Fullwidth("已提取文字，正在建立索引"), English: "has its text extracted and is being indexed"},
	catalog.StatusIndexed:   {Chinese: "已经可以检索", English: "is searchable already"},
}
