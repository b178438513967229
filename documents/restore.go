package documents

import (
	"context"
	"fmt"

	"github.com/lcmonitor/evidence/catalog"
)

// Restore brings back a deleted document u may see (catalog.Store.
// RestoreDocument): into lists and search, with its links and fields, and
// the claims and values citing it no longer 出处已删除. Admins and the
// city's coordinator may; anyone else who sees it is EFORBIDDEN, and one
// of another city ENOTFOUND. A live document is ECONFLICT, and so is one
// whose original is no longer stored: the file must be uploaded again.
func (s *Service) Restore(ctx context.Context, u *catalog.User, id string) (*catalog.Document, catalog.Restored, error) {
	d, err := s.cat.DocumentAnyState(ctx, id)
	if err != nil {
		return nil, catalog.Restored{}, err
	}
	if err := u.SeeObject(d.City, catalog.ObjectDocument, id); err != nil {
		return nil, catalog.Restored{}, err
	}
	if u.CanEdit(d.City) != nil {
		return nil, catalog.Restored{}, catalog.Errorf(catalog.EFORBIDDEN, "只有管理员和本市协调员可以恢复已删除的文档")
	}
	if live, err := s.cat.DocumentsByID(ctx, []string{id}); err != nil {
		return nil, catalog.Restored{}, err
	} else if live[id] != nil {
		return nil, catalog.Restored{}, catalog.Errorf(catalog.ECONFLICT, "文档《%s》没有被删除，无需恢复", d.Title)
	}
	if err := s.checkOriginalKept(ctx, d); err != nil {
		return nil, catalog.Restored{}, err
	}
	restored, err := s.cat.RestoreDocument(ctx, id, u.Username)
	if err != nil {
		return nil, catalog.Restored{}, err
	}
	if d, err = s.cat.Document(ctx, id); err != nil {
		return nil, catalog.Restored{}, err
	}
	s.ingest.IndexAfterRestore(ctx, d)
	return d, restored, nil
}

// checkOriginalKept refuses to restore a document whose original is no
// longer in the blob store: a document whose file cannot be opened would
// be no evidence, and the same bytes uploaded again make it whole.
func (s *Service) checkOriginalKept(ctx context.Context, d *catalog.Document) error {
	_, err := s.blobs.Stat(ctx, catalog.OriginalKey(d.SHA256))
	if catalog.IsNotFound(err) {
		return catalog.Errorf(catalog.ECONFLICT, "文档《%s》的原件已不在档案中，无法恢复；请重新上传这份文件（%s），再重新关联指标", d.Title, d.Filename)
	}
	if err != nil {
		return fmt.Errorf("is the original of %s stored: %w", d.ID, err)
	}
	return nil
}
