// Package savedsearch keeps experts' saved searches and each indicator's
// query pack (检索方案: the searches an expert runs to find that
// indicator's evidence), and counts each one's new matches: the documents
// it finds among those that became searchable since the user last opened
// it ("自上次查看以来新增 N 条"). Opening a saved search marks it seen for
// that user only.
//
// Who sees what: a saved search without an indicator is its owner's
// alone; one saved into an indicator's query pack (by an expert or an
// admin) is seen by every signed-in user, each with their own last look,
// and its matches are counted in the viewer's city scope. Only its owner
// or an admin deletes a saved search.
package savedsearch
