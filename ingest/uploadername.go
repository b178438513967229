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
	if u == nil || u.Role != catalog.RoleContributor || d.UploadedBy == u.Username {
		return ""
	}
	department := d.Department // an account no longer there: the document's 责任单位
	by, err := s.cat.User(ctx, d.UploadedBy)
	switch {
	case err == nil && (by.Role == catalog.RoleAdmin || by.Role == catalog.RoleCoordinator && by.City == u.City):
		return ""
	case err == nil && by.Role == catalog.RoleContributor:
		department = by.Department
	case err != nil && !catalog.IsNotFound(err):
		s.logUnexpected("who uploaded the duplicate's document", err)
	}
	cityName := ""
	if c, err := s.cat.City(ctx, u.City); err == nil {
		cityName = c.Name
	}
	if department == "" || catalog.DepartmentKey(cityName, department) == catalog.DepartmentKey(cityName, u.Department) {
		return ""
	}
	return department
}
