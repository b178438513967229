package ingest

import (
	"context"

	"github.com/lcmonitor/evidence/catalog"
)

// uploaderFor is who a duplicate's notice to u, and the upload's answer
// (the API's uploaded_by), say uploaded d, "" for its account as stored
// (Document.UploadedBy). A department contributor is
// told the account when it is theirs, their own department's, an admin's
// or their city's coordinator's; an upload by another department's account
// is named by that department (责任单位), whose accounts are no business of
// theirs. Everyone else sees the account, as on the document's page.
func (s *Service) uploaderFor(ctx context.Context, u *catalog.User, d *catalog.Document) string {
	return s.UploadersShownTo(ctx, u, []*catalog.Document{d})[d.ID]
}

// UploadersShownTo is, by document ID, who u is told uploaded those of
// docs that u is not told the account of (Document.UploadedBy): for a
// department contributor, the 责任单位 of another department's account
// (uploaderFor's rule, which a document's view, a listing, the upload's
// answer and a duplicate's notice all follow). A document missing from
// the map is shown with its account; coordinators, experts, reviewers and
// admins get an empty map. Each account is read once.
func (s *Service) UploadersShownTo(ctx context.Context, u *catalog.User, docs []*catalog.Document) map[string]string {
	out := map[string]string{}
	if u == nil || u.Role != catalog.RoleContributor {
		return out
	}
	type uploader struct{ account, department string }
	named := map[uploader]string{}
	cityName, cityRead := "", false
	for _, d := range docs {
		if d.UploadedBy == u.Username {
			continue
		}
		key := uploader{d.UploadedBy, d.Department}
		name, ok := named[key]
		if !ok {
			if !cityRead {
				if c, err := s.cat.City(ctx, u.City); err == nil {
					cityName = c.Name
				}
				cityRead = true
			}
			name = s.uploaderDepartment(ctx, u, cityName, d)
			named[key] = name
		}
		if name != "" {
			out[d.ID] = name
		}
	}
	return out
}

// uploaderDepartment is the 责任单位 a department contributor u of the
// city named cityName is told uploaded d, "" when u is told its account:
// an admin's, u's city coordinator's or u's own department's.
func (s *Service) uploaderDepartment(ctx context.Context, u *catalog.User, cityName string, d *catalog.Document) string {
	department := d.Department // an account no longer there: the document's 责任单位
	by, err := s.cat.User(ctx, d.UploadedBy)
	switch {
	case err == nil && (by.Role == catalog.RoleAdmin || by.Role == catalog.RoleCoordinator && by.City == u.City):
		return ""
	case err == nil && by.Role == catalog.RoleContributor:
		department = by.Department
	case err != nil && !catalog.IsNotFound(err):
		s.logUnexpected("who uploaded the document", err)
	}
	if department == "" || catalog.DepartmentKey(cityName, department) == catalog.DepartmentKey(cityName, u.Department) {
		return ""
	}
	return department
}
