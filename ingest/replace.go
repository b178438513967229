package ingest

import (
	"context"

	"github.com/lcmonitor/evidence/catalog"
)

// Replace puts a new original under a failed document for u (an admin or
// the city's coordinator): a better scan, the PDF that a broken export
// spoiled. The document keeps its id, metadata, indicator links and
// hand-ins; the new bytes are stored and read from the start, so the
// document ends indexed or failed again with a new reason. A document
// that has not failed, the very same bytes, or bytes the city already
// holds in another document are ECONFLICT; nothing is changed then.
func (s *Service) Replace(ctx context.Context, u *catalog.User, id string, st *Staged) (*catalog.Document, error) {
	d, err := s.editableDocument(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if d.Status != catalog.StatusFailed {
		return nil, catalog.Errorf(catalog.ECONFLICT, "只有处理失败的文档可以替换原件；该文档%s", statusWords[d.Status])
	}
	done, err := s.AdmitUpload(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	if err := s.putOriginal(ctx, st); err != nil {
		return nil, err
	}
	nd, err := s.cat.ReplaceOriginal(ctx, d.ID, catalog.Replacement{SHA256: st.SHA256, Size: st.Size, MIME: st.MIME,
		Format: string(st.Format), Filename: st.Filename, By: u.Username, Role: u.Role, Department: u.Department})
	if err != nil {
		return nil, err
	}
	s.log.Info("original replaced", "id", nd.ID, "filename", nd.Filename, "sha256", nd.SHA256, "from", d.SHA256, "user", u.Username)
	s.queue.push(nd.ID)
	return nd, nil
}
