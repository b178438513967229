// Package notes is experts' notes on documents: an expert, a reviewer or
// an admin writes a remark on a document or on a passage of it (a page and
// the quoted text); experts, reviewers and admins read them on the
// document and find them by their author. Coordinators and contributors
// neither read nor write notes: they are the reviewers' working papers,
// not feedback to the city. The city scope (catalog/scope.go) applies as
// to the documents themselves, so a reviewer limited to some cities sees
// only the notes on those cities' documents.
package notes
