package ingest

import (
	"context"

	"github.com/lcmonitor/evidence/catalog"
)

// UploadRequest is one upload: files already staged, what the uploader
// says about them, and the key indicators they substantiate.
type UploadRequest struct {
	Meta
	Indicators []string // key indicator codes, as typed (SplitList)
	Files      []*Staged
}

// Upload checks an upload for u and submits each file: the one set of
// rules the API, the web UI and the CLI share.
//
// Defaults: a coordinator's upload without a city is for their city; a
// department left empty is the uploader's. A coordinator naming another
// city is refused (EFORBIDDEN), whatever surface they use.
//
// The request as a whole is refused — nothing stored — when the user may
// not upload, the metadata or an indicator code is wrong, or there is no
// file. After that each file has its own Outcome: a file that fails does
// not stop the others, and files stored before a failure stay stored.
func (s *Service) Upload(ctx context.Context, u *catalog.User, req UploadRequest) ([]Outcome, error) {
	if !u.CanUpload() {
		return nil, catalog.Errorf(catalog.EFORBIDDEN, "只有协调员和管理员可以上传材料")
	}
	meta := req.Meta
	if meta.City == "" && u.Role == catalog.RoleCoordinator {
		meta.City = u.City
	}
	if meta.Department == "" {
		meta.Department = u.Department
	}
	if err := s.CheckMeta(ctx, &meta); err != nil {
		return nil, err
	}
	if err := u.CanEdit(meta.City); err != nil {
		return nil, catalog.Errorf(catalog.EFORBIDDEN, "只有本市协调员或管理员可以上传该城市的材料")
	}
	codes, err := s.CheckIndicators(ctx, req.Indicators)
	if err != nil {
		return nil, err
	}
	if len(req.Files) == 0 {
		return nil, catalog.Errorf(catalog.EINVALID, "没有收到文件;请选择要上传的文件")
	}
	out := make([]Outcome, len(req.Files))
	for i, st := range req.Files {
		out[i] = s.uploadOne(ctx, u, st, meta, codes)
	}
	return out, nil
}

func (s *Service) uploadOne(ctx context.Context, u *catalog.User, st *Staged, meta Meta, codes []string) Outcome {
	o, err := s.Submit(ctx, st, meta, u)
	if err == nil {
		err = s.Link(ctx, o.Document.ID, codes, u)
	}
	if err != nil {
		s.logUnexpected("upload "+st.Filename, err)
		return Outcome{Filename: st.Filename, Err: err}
	}
	o.Filename = st.Filename
	return *o
}

// logUnexpected logs an error that is not the user's doing, whose message
// to the user only says "internal error" or "unavailable".
func (s *Service) logUnexpected(what string, err error) {
	switch catalog.ErrorCode(err) {
	case catalog.EINTERNAL, catalog.EUNAVAILABLE:
		s.log.Error(what, "err", err)
	default:
		s.log.Warn(what, "err", err)
	}
}
